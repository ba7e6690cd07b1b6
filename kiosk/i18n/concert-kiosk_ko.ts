<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ko_KR">
<context>
    <name>ChargePanel</name>
    <message>
        <source>Your balance</source>
        <translation>내 잔액</translation>
    </message>
    <message>
        <source>Add money</source>
        <translation>잔액 충전</translation>
    </message>
    <message>
        <source>+ %1</source>
        <translation>+ %1</translation>
    </message>
    <message>
        <source>Add exactly what is missing: %1</source>
        <translation>부족한 금액만 충전: %1</translation>
    </message>
    <message>
        <source>Other amount in ₩</source>
        <translation>다른 금액 입력 (원)</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>충전</translation>
    </message>
    <message>
        <source>Enter an amount from %1 to %2.</source>
        <translation>%1부터 %2까지 입력할 수 있습니다.</translation>
    </message>
    <message>
        <source>Your balance: %1</source>
        <translation>내 잔액: %1</translation>
    </message>
    <message>
        <source>Add %1 to your balance</source>
        <translation>잔액 %1 충전</translation>
    </message>
    <message>
        <source>Type an amount in won, then press Enter or Add.</source>
        <translation>금액을 원 단위로 입력한 뒤 Enter 또는 충전을 누르세요.</translation>
    </message>
    <message>
        <source>Add the amount typed</source>
        <translation>입력한 금액 충전</translation>
    </message>
</context>
<context>
    <name>CheckoutPage</name>
    <message>
        <source>Add %1 more to pay for these seats.</source>
        <translation>이 좌석을 결제하려면 %1을(를) 더 충전하세요.</translation>
    </message>
    <message>
        <source>Paying…</source>
        <translation>결제 중…</translation>
    </message>
    <message>
        <source>Pay %1</source>
        <translation>%1 결제하기</translation>
    </message>
    <message>
        <source>Pays from your balance; the seats become yours.</source>
        <translation>잔액에서 결제하며, 결제가 끝나면 좌석이 확정됩니다.</translation>
    </message>
    <message>
        <source>Change seats</source>
        <translation>좌석 다시 고르기</translation>
    </message>
    <message>
        <source>Gives these seats back and returns to the seat map.</source>
        <translation>선점한 좌석을 반환하고 좌석 배치도로 돌아갑니다.</translation>
    </message>
</context>
<context>
    <name>ConcertCard</name>
    <message>
        <source>Chosen</source>
        <translation>선택됨</translation>
    </message>
    <message>
        <source>Tap to choose this concert</source>
        <translation>눌러서 이 공연을 선택하세요</translation>
    </message>
</context>
<context>
    <name>CountdownLabel</name>
    <message>
        <source>Seats held for</source>
        <translation>좌석 선점 남은 시간</translation>
    </message>
</context>
<context>
    <name>DateCard</name>
    <message numerus="yes">
        <source>%n seat(s) left</source>
        <translation>
            <numerusform>%n석 남음</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ErrorBanner</name>
    <message>
        <source>OK</source>
        <translation>확인</translation>
    </message>
    <message>
        <source>Close this message</source>
        <translation>이 안내 닫기</translation>
    </message>
</context>
<context>
    <name>HeaderBar</name>
    <message>
        <source>Sign in</source>
        <translation>회원 확인</translation>
    </message>
    <message>
        <source>Queue</source>
        <translation>대기열</translation>
    </message>
    <message>
        <source>Seats</source>
        <translation>좌석</translation>
    </message>
    <message>
        <source>Pay</source>
        <translation>결제</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>완료</translation>
    </message>
    <message>
        <source>Step %1 of %2: %3</source>
        <translation>%2단계 중 %1단계: %3</translation>
    </message>
    <message>
        <source>Concert Tickets</source>
        <translation>공연 예매</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>연결 끊김</translation>
    </message>
    <message>
        <source>Member %1…</source>
        <translation>회원 %1…</translation>
    </message>
    <message>
        <source>Change the language to %1</source>
        <translation>언어를 %1(으)로 바꾸기</translation>
    </message>
    <message>
        <source>Switches every screen at once; your place and seats are kept.</source>
        <translation>모든 화면의 언어가 바로 바뀌며, 대기 순서와 좌석은 그대로 유지됩니다.</translation>
    </message>
    <message>
        <source>A−</source>
        <extracomment>Button that turns the larger-text mode on and off; keep it very short.</extracomment>
        <translation>가−</translation>
    </message>
    <message>
        <source>A+</source>
        <translation>가+</translation>
    </message>
    <message>
        <source>Normal text size</source>
        <translation>기본 글자 크기</translation>
    </message>
    <message>
        <source>Larger text</source>
        <translation>큰 글자</translation>
    </message>
    <message>
        <source>Start over</source>
        <translation>처음으로</translation>
    </message>
    <message>
        <source>Leaves the queue, gives back any held seats and returns to the first screen.</source>
        <translation>대기열에서 나가고 선점한 좌석을 반납한 뒤 첫 화면으로 돌아갑니다.</translation>
    </message>
</context>
<context>
    <name>KioskController</name>
    <message>
        <source>Check your member number</source>
        <translation>회원번호를 확인해 주세요</translation>
    </message>
    <message>
        <source>A member number has 32 letters and digits in groups of 8-4-4-4-12, for example 3f2b8c1e-0a4d-4e7b-9c21-5d6e7f8a9b0c. New here? Tap “I’m new here”.</source>
        <translation>회원번호는 영문과 숫자 32자리를 8-4-4-4-12자리로 나눈 형태입니다(예: 3f2b8c1e-0a4d-4e7b-9c21-5d6e7f8a9b0c). 처음 오셨다면 ‘처음 이용합니다’를 눌러 주세요.</translation>
    </message>
    <message>
        <source>Choose a concert</source>
        <translation>공연을 선택해 주세요</translation>
    </message>
    <message>
        <source>Tap the concert you would like tickets for.</source>
        <translation>예매할 공연을 눌러 주세요.</translation>
    </message>
    <message>
        <source>Someone else got there first, so it left your selection. Please pick another seat.</source>
        <translation>다른 고객이 먼저 선택해 선택이 해제되었습니다. 다른 좌석을 골라 주세요.</translation>
    </message>
    <message>
        <source>These seats cost %1 and your balance is %2. Add at least %3 below, then pay again.</source>
        <translation>좌석 금액은 %1, 현재 잔액은 %2입니다. 아래에서 %3 이상 충전한 뒤 다시 결제해 주세요.</translation>
    </message>
    <message>
        <source>The ticket service said: “%1”. %2</source>
        <translation>예매 서버 응답: “%1”. %2</translation>
    </message>
    <message numerus="yes">
        <source>You can hold at most %n seat(s) for this concert, counting seats you hold or bought earlier. Please choose fewer seats.</source>
        <translation>
            <numerusform>이 공연은 1인당 최대 %n석까지 선점·구매할 수 있습니다(이미 선점하거나 구매한 좌석 포함). 좌석 수를 줄여 주세요.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Seat(s) %1 were taken by someone else a moment ago and left your selection. The map is up to date — pick another seat or hold the rest.</source>
        <extracomment>%1 is one seat number or a list (&quot;7, 8 and 12&quot;); %n is how many.</extracomment>
        <translation>
            <numerusform>%1번 좌석을 방금 다른 고객이 선택해 선택이 해제되었습니다. 좌석 배치도는 최신 상태입니다. 다른 좌석을 고르거나 남은 좌석을 선점하세요.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Seat(s) %1 just taken</source>
        <extracomment>%1 is one seat number or a list (&quot;7, 8 and 12&quot;); %n is how many.</extracomment>
        <translation>
            <numerusform>%1번 좌석이 방금 선택되었습니다</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>KioskError</name>
    <message>
        <source>Please try again. If it keeps happening, ask a member of staff (code %1).</source>
        <translation>다시 시도해 주세요. 계속 문제가 생기면 직원에게 문의해 주세요(코드 %1).</translation>
    </message>
    <message>
        <source>Something went wrong</source>
        <translation>문제가 발생했습니다</translation>
    </message>
    <message>
        <source>That was not accepted</source>
        <translation>요청이 처리되지 않았습니다</translation>
    </message>
    <message>
        <source>Your place in the queue was not recognised</source>
        <translation>대기 순서를 확인할 수 없습니다</translation>
    </message>
    <message>
        <source>We have put you back in the queue. You will be let in again shortly.</source>
        <translation>대기열에 다시 등록했습니다. 곧 입장하실 수 있습니다.</translation>
    </message>
    <message>
        <source>Your shopping time is over</source>
        <translation>예매 가능 시간이 끝났습니다</translation>
    </message>
    <message>
        <source>Each customer has a limited time to shop. You are back in the queue and will be let in again shortly.</source>
        <translation>고객마다 예매 시간이 정해져 있습니다. 대기열에 다시 등록했으니 곧 다시 입장하실 수 있습니다.</translation>
    </message>
    <message>
        <source>It is not your turn yet</source>
        <translation>아직 입장 순서가 아닙니다</translation>
    </message>
    <message>
        <source>Please wait in the queue a little longer.</source>
        <translation>대기열에서 조금만 더 기다려 주세요.</translation>
    </message>
    <message>
        <source>That reservation is not yours</source>
        <translation>고객님의 예약이 아닙니다</translation>
    </message>
    <message>
        <source>Please pick your seats again.</source>
        <translation>좌석을 다시 선택해 주세요.</translation>
    </message>
    <message>
        <source>No longer available</source>
        <translation>더 이상 예매할 수 없습니다</translation>
    </message>
    <message>
        <source>That concert or reservation no longer exists. Please choose again.</source>
        <translation>공연 또는 예약 정보가 없습니다. 다시 선택해 주세요.</translation>
    </message>
    <message>
        <source>Those seats were just taken</source>
        <translation>방금 다른 고객이 선택한 좌석입니다</translation>
    </message>
    <message>
        <source>Someone else got one of your seats a moment ago. The map is up to date — please pick your seats again.</source>
        <translation>선택하신 좌석 중 일부를 방금 다른 고객이 먼저 선택했습니다. 좌석 배치도가 갱신되었으니 좌석을 다시 선택해 주세요.</translation>
    </message>
    <message>
        <source>Not enough balance</source>
        <translation>잔액이 부족합니다</translation>
    </message>
    <message>
        <source>Add money to your balance below, then pay again.</source>
        <translation>아래에서 잔액을 충전한 뒤 다시 결제해 주세요.</translation>
    </message>
    <message>
        <source>Already paid</source>
        <translation>이미 결제되었습니다</translation>
    </message>
    <message>
        <source>This reservation was paid already — the seats are yours.</source>
        <translation>이미 결제가 끝난 예약입니다. 좌석은 고객님 것입니다.</translation>
    </message>
    <message>
        <source>Your seat hold has ended</source>
        <translation>좌석 선점 시간이 끝났습니다</translation>
    </message>
    <message>
        <source>Seats are held for a few minutes only and the time ran out. They are free again — please pick your seats once more.</source>
        <translation>좌석은 몇 분 동안만 선점되며 시간이 지났습니다. 좌석이 다시 풀렸으니 한 번 더 선택해 주세요.</translation>
    </message>
    <message>
        <source>Cannot reach the ticket service</source>
        <translation>예매 서버에 연결할 수 없습니다</translation>
    </message>
    <message>
        <source>Retrying by itself — there is no need to do anything. Your place and your seats are kept.</source>
        <translation>자동으로 다시 연결하는 중입니다. 아무것도 하지 않으셔도 됩니다. 대기 순서와 좌석은 유지됩니다.</translation>
    </message>
    <message>
        <source>Top-ups are not possible at this kiosk right now</source>
        <translation>지금 이 키오스크에서는 충전할 수 없습니다</translation>
    </message>
    <message>
        <source>The ticket service did not accept this kiosk&apos;s terminal key. Please ask a member of staff (code %1).</source>
        <translation>예매 서버가 이 키오스크의 단말기 키를 승인하지 않았습니다. 직원에게 문의해 주세요(코드 %1).</translation>
    </message>
    <message>
        <source>Your place in the queue was for another concert</source>
        <translation>다른 공연의 대기 순서입니다</translation>
    </message>
    <message>
        <source>We have put you in the queue for this concert. You will be let in shortly.</source>
        <translation>이 공연의 대기열에 등록했습니다. 곧 입장하실 수 있습니다.</translation>
    </message>
    <message>
        <source>That clashes with an earlier request</source>
        <translation>앞서 보낸 요청과 맞지 않습니다</translation>
    </message>
    <message>
        <source>Seat limit reached</source>
        <translation>구매 가능 좌석 수를 넘었습니다</translation>
    </message>
    <message>
        <source>Each customer can hold or buy only a limited number of seats for this concert. Please choose fewer seats.</source>
        <translation>이 공연은 1인당 선점·구매할 수 있는 좌석 수가 정해져 있습니다. 좌석 수를 줄여 주세요.</translation>
    </message>
    <message>
        <source>This ticket code is not valid</source>
        <translation>유효하지 않은 티켓 코드입니다</translation>
    </message>
    <message>
        <source>This ticket was cancelled</source>
        <translation>취소된 티켓입니다</translation>
    </message>
    <message>
        <source>Please ask a member of staff (code %1).</source>
        <translation>직원에게 문의해 주세요(코드 %1).</translation>
    </message>
    <message>
        <source>Many people are joining right now</source>
        <translation>지금 접속자가 많습니다</translation>
    </message>
    <message>
        <source>The ticket service asked this kiosk to wait a moment. It tries again by itself — please stay.</source>
        <translation>예매 서버 요청에 따라 잠시 후 자동으로 다시 시도합니다. 자리를 떠나지 말고 기다려 주세요.</translation>
    </message>
</context>
<context>
    <name>KioskFormat</name>
    <message>
        <source>₩%1M</source>
        <translation>₩%1M</translation>
    </message>
    <message>
        <source>₩%1K</source>
        <translation>₩%1K</translation>
    </message>
    <message>
        <source>₩%1</source>
        <translation>₩%1</translation>
    </message>
    <message>
        <source>ddd d MMM yyyy</source>
        <extracomment>QDate format of a concert date: Korean &quot;yyyy년 M월 d일 (ddd)&quot; gives 2026년 12월 16일 (수).</extracomment>
        <translation>yyyy년 M월 d일 (ddd)</translation>
    </message>
    <message>
        <source>%1, %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>less than a minute</source>
        <translation>1분 미만</translation>
    </message>
    <message numerus="yes">
        <source>about %n minute(s)</source>
        <translation>
            <numerusform>약 %n분</numerusform>
        </translation>
    </message>
    <message>
        <source>about %1 h %2 min</source>
        <translation>약 %1시간 %2분</translation>
    </message>
    <message>
        <source>%1 and %2</source>
        <translation>%1, %2</translation>
    </message>
</context>
<context>
    <name>KioskOptions</name>
    <message>
        <source>Ticket kiosk and box-office client for concert-server.</source>
        <translation>concert-server용 예매 키오스크 및 매표소 클라이언트.</translation>
    </message>
    <message>
        <source>Show this help.</source>
        <translation>이 도움말을 표시합니다.</translation>
    </message>
    <message>
        <source>Base URL of concert-server (default %1).</source>
        <translation>concert-server의 기본 URL (기본값 %1).</translation>
    </message>
    <message>
        <source>Kiosk mode: full screen, no window frame.</source>
        <translation>키오스크 모드: 창 테두리 없이 전체 화면.</translation>
    </message>
    <message>
        <source>Back to the start screen after N seconds without input (1..86400, default %1).</source>
        <translation>입력이 N초 동안 없으면 첫 화면으로 돌아갑니다 (1..86400, 기본값 %1).</translation>
    </message>
    <message>
        <source>Language of the screens: ko or en (default: Korean when the system locale is Korean, else English).</source>
        <translation>화면 언어: ko 또는 en (기본값: 시스템 로캘이 한국어이면 한국어, 아니면 영어).</translation>
    </message>
    <message>
        <source>A TERMINAL key, sent as X-Api-Key with top-ups (for servers started with --charges key).</source>
        <translation>충전할 때 X-Api-Key 헤더로 보내는 TERMINAL 키(--charges key로 시작한 서버용).</translation>
    </message>
    <message>
        <source>Follow the queue by polling only, without the push stream.</source>
        <translation>푸시 스트림 없이 상태 조회만으로 대기열을 따라갑니다.</translation>
    </message>
</context>
<context>
    <name>Main</name>
    <message>
        <source>Concert Kiosk</source>
        <translation>공연 예매 키오스크</translation>
    </message>
</context>
<context>
    <name>OrderSummaryPanel</name>
    <message>
        <source>Your order</source>
        <translation>주문 내역</translation>
    </message>
    <message>
        <source>Seat %1</source>
        <translation>%1번 좌석</translation>
    </message>
    <message>
        <source>%1 per seat</source>
        <translation>좌석당 %1</translation>
    </message>
    <message>
        <source>Nobody else can take these seats until the time runs out. Pay before then to keep them.</source>
        <translation>시간이 끝날 때까지 다른 사람은 이 좌석을 예매할 수 없습니다. 그 전에 결제해야 좌석이 확정됩니다.</translation>
    </message>
    <message numerus="yes">
        <source>Total, %n seat(s)</source>
        <translation>
            <numerusform>합계 (%n석)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>QueuePage</name>
    <message>
        <source>You are in the queue for</source>
        <translation>대기 중인 공연</translation>
    </message>
    <message>
        <source>your place in line</source>
        <translation>현재 대기 순번</translation>
    </message>
    <message>
        <source>It is your turn!</source>
        <translation>입장 차례입니다!</translation>
    </message>
    <message>
        <source>Ahead of you</source>
        <translation>내 앞 대기</translation>
    </message>
    <message>
        <source>Nobody — you are next</source>
        <translation>없음 — 다음 차례입니다</translation>
    </message>
    <message>
        <source>Estimated wait</source>
        <translation>예상 대기 시간</translation>
    </message>
    <message>
        <source>Getting your place in line…</source>
        <translation>대기 순번을 받는 중…</translation>
    </message>
    <message>
        <source>Please stay nearby. When it is your turn this screen moves on to the seat map by itself.</source>
        <translation>가까이에서 기다려 주세요. 차례가 되면 좌석 선택 화면으로 자동으로 넘어갑니다.</translation>
    </message>
    <message>
        <source>Leave the queue</source>
        <translation>대기 취소</translation>
    </message>
    <message>
        <source>Your place in line: %1</source>
        <translation>현재 대기 순번: %1</translation>
    </message>
    <message numerus="yes">
        <source>%n person(s)</source>
        <translation>
            <numerusform>%n명</numerusform>
        </translation>
    </message>
    <message>
        <source>Gives up your place in the queue and returns to the first screen.</source>
        <translation>대기 순서를 포기하고 첫 화면으로 돌아갑니다.</translation>
    </message>
    <message>
        <source>Sales open in %1</source>
        <translation>판매 시작까지 %1</translation>
    </message>
    <message>
        <source>Sales are opening now</source>
        <translation>지금 판매를 시작합니다</translation>
    </message>
    <message>
        <source>Your place is drawn at opening: everyone who joins before then has the same chance.</source>
        <translation>대기 순번은 판매 시작 때 추첨으로 정해집니다. 그 전에 들어온 분은 모두 같은 기회를 가집니다.</translation>
    </message>
    <message>
        <source>Drawing places…</source>
        <translation>대기 순번을 추첨하는 중…</translation>
    </message>
    <message>
        <source>Sold out for now</source>
        <translation>지금은 매진입니다</translation>
    </message>
    <message>
        <source>The queue is paused</source>
        <translation>대기열이 잠시 멈췄습니다</translation>
    </message>
    <message>
        <source>Every seat is sold. You keep your place: if seats come back (a cancellation or a new date), the queue moves on again.</source>
        <translation>모든 좌석이 판매되었습니다. 대기 순번은 그대로 유지됩니다. 취소나 새 공연일로 좌석이 다시 나오면 대기열이 다시 움직입니다.</translation>
    </message>
    <message>
        <source>The box office has paused admission for a moment. You keep your place; the queue moves on when it resumes.</source>
        <translation>매표소에서 입장을 잠시 멈췄습니다. 대기 순번은 그대로 유지되며, 다시 시작되면 대기열이 움직입니다.</translation>
    </message>
    <message>
        <source>Please stay nearby. When the sale opens you get your place, and when it is your turn this screen moves on to the seat map by itself.</source>
        <translation>가까이에서 기다려 주세요. 판매가 시작되면 대기 순번이 정해지고, 차례가 되면 이 화면이 자동으로 좌석 선택으로 넘어갑니다.</translation>
    </message>
</context>
<context>
    <name>QueueProgressBar</name>
    <message>
        <source>Joined</source>
        <translation>대기 시작</translation>
    </message>
    <message>
        <source>Front of the line</source>
        <translation>입장 직전</translation>
    </message>
    <message>
        <source>Progress to the front of the line: %1%</source>
        <translation>입장까지 진행률: %1%</translation>
    </message>
</context>
<context>
    <name>ReceiptPage</name>
    <message>
        <source>Payment complete</source>
        <translation>결제가 완료되었습니다</translation>
    </message>
    <message>
        <source>Enjoy the show! Your seats are booked — show your member number at the entrance.</source>
        <translation>즐거운 관람 되세요! 예매가 확정되었습니다. 입장하실 때 회원번호를 보여 주세요.</translation>
    </message>
    <message>
        <source>Concert</source>
        <translation>공연</translation>
    </message>
    <message>
        <source>Venue</source>
        <translation>공연장</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>관람일</translation>
    </message>
    <message>
        <source>Seats</source>
        <translation>좌석</translation>
    </message>
    <message>
        <source>Paid</source>
        <translation>결제 금액</translation>
    </message>
    <message>
        <source>Balance left</source>
        <translation>남은 잔액</translation>
    </message>
    <message>
        <source>Payment number</source>
        <translation>결제 번호</translation>
    </message>
    <message>
        <source>Paid at</source>
        <translation>결제 일시</translation>
    </message>
    <message>
        <source>Member number</source>
        <translation>회원번호</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>완료</translation>
    </message>
    <message>
        <source>Enjoy the show! Your seats are booked — show this ticket&apos;s QR code at the entrance.</source>
        <translation>즐거운 관람 되세요! 좌석 예매가 끝났습니다. 입장할 때 이 티켓의 QR 코드를 보여 주세요.</translation>
    </message>
    <message>
        <source>Your ticket as a QR code</source>
        <translation>QR 코드로 된 티켓</translation>
    </message>
    <message>
        <source>Ticket code: %1</source>
        <translation>티켓 코드: %1</translation>
    </message>
</context>
<context>
    <name>SeatDelegate</name>
    <message>
        <source>held</source>
        <translation>선점</translation>
    </message>
    <message>
        <source>sold</source>
        <translation>판매</translation>
    </message>
    <message>
        <source>Seat %1</source>
        <translation>%1번 좌석</translation>
    </message>
    <message>
        <source>Your choice, %1</source>
        <translation>선택한 좌석, %1</translation>
    </message>
    <message>
        <source>Held by someone else</source>
        <translation>다른 고객이 선점한 좌석</translation>
    </message>
    <message>
        <source>Sold</source>
        <translation>판매 완료</translation>
    </message>
    <message>
        <source>Free, %1</source>
        <translation>예매 가능, %1</translation>
    </message>
</context>
<context>
    <name>SeatLegend</name>
    <message>
        <source>Free</source>
        <translation>예매 가능</translation>
    </message>
    <message>
        <source>Your choice</source>
        <translation>선택한 좌석</translation>
    </message>
    <message>
        <source>Held by someone</source>
        <translation>다른 고객 선점</translation>
    </message>
    <message>
        <source>Sold</source>
        <translation>판매 완료</translation>
    </message>
    <message>
        <source>Seat legend</source>
        <translation>좌석 안내</translation>
    </message>
</context>
<context>
    <name>SeatMapView</name>
    <message>
        <source>STAGE</source>
        <translation>무대</translation>
    </message>
</context>
<context>
    <name>SeatsPage</name>
    <message>
        <source>Pick a date</source>
        <translation>관람일 선택</translation>
    </message>
    <message>
        <source>This concert is sold out.</source>
        <translation>이 공연은 매진되었습니다.</translation>
    </message>
</context>
<context>
    <name>SelectionPanel</name>
    <message>
        <source>Your seats</source>
        <translation>선택한 좌석</translation>
    </message>
    <message>
        <source>Seat %1</source>
        <translation>%1번 좌석</translation>
    </message>
    <message>
        <source>Holding…</source>
        <translation>선점하는 중…</translation>
    </message>
    <message>
        <source>Hold these seats</source>
        <translation>이 좌석 선점하기</translation>
    </message>
    <message>
        <source>Clear selection</source>
        <translation>선택 해제</translation>
    </message>
    <message numerus="yes">
        <source>You can take up to %n seat(s) at a time.</source>
        <translation>
            <numerusform>한 번에 최대 %n석까지 선택할 수 있습니다.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Tap up to %n free seat(s).</source>
        <translation>
            <numerusform>빈 좌석을 최대 %n석까지 눌러 선택하세요.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n seat(s)</source>
        <translation>
            <numerusform>%n석</numerusform>
        </translation>
    </message>
    <message>
        <source>Keeps the seats for you for a few minutes while you pay.</source>
        <translation>결제하는 동안 몇 분간 좌석을 확보해 둡니다.</translation>
    </message>
    <message>
        <source>Unselects every seat you picked.</source>
        <translation>선택한 좌석을 모두 해제합니다.</translation>
    </message>
</context>
<context>
    <name>StartPage</name>
    <message>
        <source>Get your tickets</source>
        <translation>티켓 예매</translation>
    </message>
    <message>
        <source>Sign in with your member number, choose a concert and join the queue. When it is your turn you pick your seats and pay from your balance.</source>
        <translation>회원번호를 입력하고 공연을 고른 뒤 대기열에 들어가세요. 차례가 되면 좌석을 선택하고 잔액으로 결제합니다.</translation>
    </message>
    <message>
        <source>Member number</source>
        <translation>회원번호</translation>
    </message>
    <message>
        <source>e.g. 3f2b8c1e-0a4d-4e7b-9c21-5d6e7f8a9b0c</source>
        <translation>예: 3f2b8c1e-0a4d-4e7b-9c21-5d6e7f8a9b0c</translation>
    </message>
    <message>
        <source>This is your new member number. Keep a note of it: you need it to pay and to top up later.</source>
        <translation>새 회원번호입니다. 결제와 충전에 필요하니 꼭 적어 두세요.</translation>
    </message>
    <message>
        <source>A member number looks like 8-4-4-4-12 letters and digits.</source>
        <translation>회원번호는 영문·숫자 8-4-4-4-12자리 형식입니다.</translation>
    </message>
    <message>
        <source>I’m new here — create my member number</source>
        <translation>처음 이용합니다 — 회원번호 만들기</translation>
    </message>
    <message>
        <source>Choose a concert</source>
        <translation>공연을 선택해 주세요</translation>
    </message>
    <message>
        <source>No concerts are on sale right now.</source>
        <translation>지금 예매 중인 공연이 없습니다.</translation>
    </message>
    <message>
        <source>Join the queue for %1</source>
        <translation>%1 대기열 입장</translation>
    </message>
    <message>
        <source>Join the queue</source>
        <translation>대기열 입장</translation>
    </message>
    <message>
        <source>Type or scan your member number, then press Enter.</source>
        <translation>회원번호를 입력하거나 스캔한 뒤 Enter를 누르세요.</translation>
    </message>
    <message>
        <source>Makes a new member number and fills it in for you.</source>
        <translation>새 회원번호를 만들어 자동으로 입력합니다.</translation>
    </message>
    <message>
        <source>Enter your member number and choose a concert first.</source>
        <translation>먼저 회원번호를 입력하고 공연을 선택하세요.</translation>
    </message>
</context>
</TS>
