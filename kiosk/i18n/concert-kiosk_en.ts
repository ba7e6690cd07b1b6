<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>ChargePanel</name>
    <message>
        <source>Your balance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add money</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>+ %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add exactly what is missing: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Other amount in ₩</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter an amount from %1 to %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your balance: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add %1 to your balance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type an amount in won, then press Enter or Add.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add the amount typed</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CheckoutPage</name>
    <message>
        <source>Add %1 more to pay for these seats.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paying…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pay %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pays from your balance; the seats become yours.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change seats</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Gives these seats back and returns to the seat map.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConcertCard</name>
    <message>
        <source>Chosen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tap to choose this concert</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CountdownLabel</name>
    <message>
        <source>Seats held for</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DateCard</name>
    <message numerus="yes">
        <source>%n seat(s) left</source>
        <translation>
            <numerusform>%n seat left</numerusform>
            <numerusform>%n seats left</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ErrorBanner</name>
    <message>
        <source>OK</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close this message</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HeaderBar</name>
    <message>
        <source>Sign in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Queue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Seats</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pay</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Step %1 of %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Concert Tickets</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Offline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Member %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change the language to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Switches every screen at once; your place and seats are kept.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A−</source>
        <extracomment>Button that turns the larger-text mode on and off; keep it very short.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A+</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Normal text size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Larger text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start over</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Leaves the queue, gives back any held seats and returns to the first screen.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>KioskController</name>
    <message>
        <source>Check your member number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A member number has 32 letters and digits in groups of 8-4-4-4-12, for example 3f2b8c1e-0a4d-4e7b-9c21-5d6e7f8a9b0c. New here? Tap “I’m new here”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a concert</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tap the concert you would like tickets for.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Someone else got there first, so it left your selection. Please pick another seat.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>These seats cost %1 and your balance is %2. Add at least %3 below, then pay again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The ticket service said: “%1”. %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>You can hold at most %n seat(s) for this concert, counting seats you hold or bought earlier. Please choose fewer seats.</source>
        <translation>
            <numerusform>You can hold at most %n seat for this concert, counting seats you hold or bought earlier. Please choose fewer seats.</numerusform>
            <numerusform>You can hold at most %n seats for this concert, counting seats you hold or bought earlier. Please choose fewer seats.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Seat(s) %1 were taken by someone else a moment ago and left your selection. The map is up to date — pick another seat or hold the rest.</source>
        <extracomment>%1 is one seat number or a list (&quot;7, 8 and 12&quot;); %n is how many.</extracomment>
        <translation>
            <numerusform>Seat %1 was taken by someone else a moment ago and left your selection. The map is up to date — pick another seat or hold the rest.</numerusform>
            <numerusform>Seats %1 were taken by someone else a moment ago and left your selection. The map is up to date — pick another seat or hold the rest.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Seat(s) %1 just taken</source>
        <extracomment>%1 is one seat number or a list (&quot;7, 8 and 12&quot;); %n is how many.</extracomment>
        <translation>
            <numerusform>Seat %1 just taken</numerusform>
            <numerusform>Seats %1 just taken</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>KioskError</name>
    <message>
        <source>Please try again. If it keeps happening, ask a member of staff (code %1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Something went wrong</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>That was not accepted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your place in the queue was not recognised</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>We have put you back in the queue. You will be let in again shortly.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your shopping time is over</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Each customer has a limited time to shop. You are back in the queue and will be let in again shortly.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>It is not your turn yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Please wait in the queue a little longer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>That reservation is not yours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Please pick your seats again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No longer available</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>That concert or reservation no longer exists. Please choose again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Those seats were just taken</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Someone else got one of your seats a moment ago. The map is up to date — please pick your seats again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not enough balance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add money to your balance below, then pay again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Already paid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This reservation was paid already — the seats are yours.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your seat hold has ended</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Seats are held for a few minutes only and the time ran out. They are free again — please pick your seats once more.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot reach the ticket service</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Retrying by itself — there is no need to do anything. Your place and your seats are kept.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Top-ups are not possible at this kiosk right now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The ticket service did not accept this kiosk&apos;s terminal key. Please ask a member of staff (code %1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your place in the queue was for another concert</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>We have put you in the queue for this concert. You will be let in shortly.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>That clashes with an earlier request</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Seat limit reached</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Each customer can hold or buy only a limited number of seats for this concert. Please choose fewer seats.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This ticket code is not valid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This ticket was cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Please ask a member of staff (code %1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Many people are joining right now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The ticket service asked this kiosk to wait a moment. It tries again by itself — please stay.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>KioskFormat</name>
    <message>
        <source>₩%1M</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>₩%1K</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>₩%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ddd d MMM yyyy</source>
        <extracomment>QDate format of a concert date: Korean &quot;yyyy년 M월 d일 (ddd)&quot; gives 2026년 12월 16일 (수).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>less than a minute</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>about %n minute(s)</source>
        <translation>
            <numerusform>about %n minute</numerusform>
            <numerusform>about %n minutes</numerusform>
        </translation>
    </message>
    <message>
        <source>about %1 h %2 min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 and %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>KioskOptions</name>
    <message>
        <source>Ticket kiosk and box-office client for concert-server.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show this help.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Base URL of concert-server (default %1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kiosk mode: full screen, no window frame.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Back to the start screen after N seconds without input (1..86400, default %1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Language of the screens: ko or en (default: Korean when the system locale is Korean, else English).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A TERMINAL key, sent as X-Api-Key with top-ups (for servers started with --charges key).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Follow the queue by polling only, without the push stream.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Main</name>
    <message>
        <source>Concert Kiosk</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>OrderSummaryPanel</name>
    <message>
        <source>Your order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Seat %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 per seat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nobody else can take these seats until the time runs out. Pay before then to keep them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Total, %n seat(s)</source>
        <translation>
            <numerusform>Total, %n seat</numerusform>
            <numerusform>Total, %n seats</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>QueuePage</name>
    <message>
        <source>You are in the queue for</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>your place in line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>It is your turn!</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ahead of you</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nobody — you are next</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Estimated wait</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Getting your place in line…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Please stay nearby. When it is your turn this screen moves on to the seat map by itself.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Leave the queue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your place in line: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n person(s)</source>
        <translation>
            <numerusform>%n person</numerusform>
            <numerusform>%n people</numerusform>
        </translation>
    </message>
    <message>
        <source>Gives up your place in the queue and returns to the first screen.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sales open in %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sales are opening now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your place is drawn at opening: everyone who joins before then has the same chance.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Drawing places…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sold out for now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The queue is paused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every seat is sold. You keep your place: if seats come back (a cancellation or a new date), the queue moves on again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The box office has paused admission for a moment. You keep your place; the queue moves on when it resumes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Please stay nearby. When the sale opens you get your place, and when it is your turn this screen moves on to the seat map by itself.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>QueueProgressBar</name>
    <message>
        <source>Joined</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Front of the line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Progress to the front of the line: %1%</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReceiptPage</name>
    <message>
        <source>Payment complete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enjoy the show! Your seats are booked — show your member number at the entrance.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Concert</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Venue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Seats</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Balance left</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Payment number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paid at</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Member number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enjoy the show! Your seats are booked — show this ticket&apos;s QR code at the entrance.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your ticket as a QR code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ticket code: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SeatDelegate</name>
    <message>
        <source>held</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>sold</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Seat %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your choice, %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Held by someone else</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sold</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Free, %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SeatLegend</name>
    <message>
        <source>Free</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your choice</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Held by someone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sold</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Seat legend</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SeatMapView</name>
    <message>
        <source>STAGE</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SeatsPage</name>
    <message>
        <source>Pick a date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This concert is sold out.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SelectionPanel</name>
    <message>
        <source>Your seats</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Seat %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Holding…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hold these seats</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear selection</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>You can take up to %n seat(s) at a time.</source>
        <translation>
            <numerusform>You can take up to %n seat at a time.</numerusform>
            <numerusform>You can take up to %n seats at a time.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Tap up to %n free seat(s).</source>
        <translation>
            <numerusform>Tap up to %n free seat.</numerusform>
            <numerusform>Tap up to %n free seats.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n seat(s)</source>
        <translation>
            <numerusform>%n seat</numerusform>
            <numerusform>%n seats</numerusform>
        </translation>
    </message>
    <message>
        <source>Keeps the seats for you for a few minutes while you pay.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unselects every seat you picked.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StartPage</name>
    <message>
        <source>Get your tickets</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign in with your member number, choose a concert and join the queue. When it is your turn you pick your seats and pay from your balance.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Member number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. 3f2b8c1e-0a4d-4e7b-9c21-5d6e7f8a9b0c</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This is your new member number. Keep a note of it: you need it to pay and to top up later.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A member number looks like 8-4-4-4-12 letters and digits.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>I’m new here — create my member number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a concert</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No concerts are on sale right now.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Join the queue for %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Join the queue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type or scan your member number, then press Enter.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Makes a new member number and fills it in for you.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter your member number and choose a concert first.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
