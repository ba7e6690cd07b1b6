<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="ko">
<context>
    <name>ApiKeyTableModel</name>
    <message>
        <location filename="../work/wt/boxdesk/boxoffice/apikeytablemodel.cpp" line="11" />
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <location filename="../work/wt/boxdesk/boxoffice/apikeytablemodel.cpp" line="12" />
        <source>Name</source>
        <translation>이름</translation>
    </message>
    <message>
        <location filename="../work/wt/boxdesk/boxoffice/apikeytablemodel.cpp" line="13" />
        <source>Role</source>
        <translation>역할</translation>
    </message>
    <message>
        <location filename="../work/wt/boxdesk/boxoffice/apikeytablemodel.cpp" line="14" />
        <source>Prefix</source>
        <translation>접두어</translation>
    </message>
    <message>
        <location filename="../work/wt/boxdesk/boxoffice/apikeytablemodel.cpp" line="15" />
        <source>Created</source>
        <translation>만든 때</translation>
    </message>
    <message>
        <location filename="../work/wt/boxdesk/boxoffice/apikeytablemodel.cpp" line="16" />
        <source>Revoked</source>
        <translation>폐기한 때</translation>
    </message>
</context>
<context>
    <name>AreaPage</name>
    <message>
        <location filename="../work/wt/boxdesk/boxoffice/areapage.cpp" line="53" />
        <source>The server cannot be reached. Check the network and try again.</source>
        <translation>서버에 연결할 수 없습니다. 네트워크를 확인하고 다시 시도하세요.</translation>
    </message>
    <message>
        <location filename="../work/wt/boxdesk/boxoffice/areapage.cpp" line="55" />
        <source>This server does not offer this yet.</source>
        <translation>이 서버는 아직 이 기능을 제공하지 않습니다.</translation>
    </message>
    <message>
        <location filename="../work/wt/boxdesk/boxoffice/areapage.cpp" line="57" />
        <source>A seat is no longer available. Pick other seats.</source>
        <translation>좌석 하나가 더 이상 비어 있지 않습니다. 다른 좌석을 고르세요.</translation>
    </message>
    <message>
        <location filename="../work/wt/boxdesk/boxoffice/areapage.cpp" line="59" />
        <source>The balance does not cover the payment. Take cash and top up first.</source>
        <translation>잔액이 결제 금액보다 적습니다. 먼저 현금을 받아 충전하세요.</translation>
    </message>
    <message>
        <location filename="../work/wt/boxdesk/boxoffice/areapage.cpp" line="61" />
        <source>The hold ran out. Hold the seats again.</source>
        <translation>좌석 선점 시간이 끝났습니다. 좌석을 다시 선점하세요.</translation>
    </message>
    <message>
        <location filename="../work/wt/boxdesk/boxoffice/areapage.cpp" line="63" />
        <source>This reservation is paid already.</source>
        <translation>이미 결제된 예약입니다.</translation>
    </message>
    <message>
        <location filename="../work/wt/boxdesk/boxoffice/areapage.cpp" line="65" />
        <source>Your key may not do this.</source>
        <translation>이 키로는 할 수 없는 작업입니다.</translation>
    </message>
    <message>
        <location filename="../work/wt/boxdesk/boxoffice/areapage.cpp" line="67" />
        <source>The key is wrong or was revoked. Sign in again.</source>
        <translation>키가 틀렸거나 폐기되었습니다. 다시 로그인하세요.</translation>
    </message>
    <message>
        <location filename="../work/wt/boxdesk/boxoffice/areapage.cpp" line="69" />
        <source>This conflicts with what the server has (e.g. a date that exists, a price of a date with seats held or sold).</source>
        <translation>서버의 현재 상태와 충돌합니다 (예: 이미 있는 날짜, 선점·판매된 좌석이 있는 날짜의 가격).</translation>
    </message>
    <message>
        <location filename="../work/wt/boxdesk/boxoffice/areapage.cpp" line="72" />
        <source>Not found.</source>
        <translation>찾을 수 없습니다.</translation>
    </message>
    <message>
        <location filename="../work/wt/boxdesk/boxoffice/areapage.cpp" line="74" />
        <source>The server refused the input.</source>
        <translation>서버가 입력을 거부했습니다.</translation>
    </message>
    <message>
        <location filename="../work/wt/boxdesk/boxoffice/areapage.cpp" line="76" />
        <source>The server's database is unavailable. Try again in a moment.</source>
        <translation>서버의 데이터베이스를 사용할 수 없습니다. 잠시 후 다시 시도하세요.</translation>
    </message>
    <message>
        <location filename="../work/wt/boxdesk/boxoffice/areapage.cpp" line="78" />
        <source>The request failed.</source>
        <translation>요청이 실패했습니다.</translation>
    </message>
</context>
<context>
    <name>AuditPage</name>
    <message>
        <location filename="../work/wt/boxdesk/boxoffice/auditpage.cpp" line="23" />
        <source>page </source>
        <translation>페이지 </translation>
    </message>
    <message>
        <location filename="../work/wt/boxdesk/boxoffice/auditpage.cpp" line="24" />
        <source>&amp;Refresh</source>
        <translation>새로 고침(&amp;R)</translation>
    </message>
    <message numerus="yes">
        <location filename="../work/wt/boxdesk/boxoffice/auditpage.cpp" line="52" />
        <source>%n entries in all.</source>
        <translation>
            <numerusform>모두 %n건.</numerusform></translation>
    </message>
</context>
<context>
    <name>AuditTableModel</name>
    <message>
        <location filename="../work/wt/boxdesk/boxoffice/audittablemodel.cpp" line="12" />
        <source>Time</source>
        <translation>시각</translation>
    </message>
    <message>
        <location filename="../work/wt/boxdesk/boxoffice/audittablemodel.cpp" line="13" />
        <source>Key</source>
        <translation>키</translation>
    </message>
    <message>
        <location filename="../work/wt/boxdesk/boxoffice/audittablemodel.cpp" line="14" />
        <source>Action</source>
        <translation>작업</translation>
    </message>
    <message>
        <location filename="../work/wt/boxdesk/boxoffice/audittablemodel.cpp" line="15" />
        <source>Target</source>
        <translation>대상</translation>
    </message>
    <message>
        <location filename="../work/wt/boxdesk/boxoffice/audittablemodel.cpp" line="16" />
        <source>Detail</source>
        <translation>내용</translation>
    </message>
</context>
<context>
    <name>BoxOfficeClient</name>
    <message>
        <location filename="../work/wt/boxdesk/boxoffice/boxofficeclient.cpp" line="107" />
        <source>No key given.</source>
        <translation>키를 입력하지 않았습니다.</translation>
    </message>
</context>
<context>
    <name>ConcertTableModel</name>
    <message>
        <location filename="../work/wt/boxdesk/boxoffice/concerttablemodel.cpp" line="11" />
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <location filename="../work/wt/boxdesk/boxoffice/concerttablemodel.cpp" line="12" />
        <source>Title</source>
        <translation>제목</translation>
    </message>
    <message>
        <location filename="../work/wt/boxdesk/boxoffice/concerttablemodel.cpp" line="13" />
        <source>Venue</source>
        <translation>공연장</translation>
    </message>
</context>
<context>
    <name>ConcertsPage</name>
    <message>
        <location filename="../work/wt/boxdesk/boxoffice/concertspage.cpp" line="33" />
        <source>&amp;Refresh</source>
        <translation>새로 고침(&amp;R)</translation>
    </message>
    <message>
        <location filename="../work/wt/boxdesk/boxoffice/concertspage.cpp" line="34" />
        <source>&amp;New concert</source>
        <translation>새 공연(&amp;N)</translation>
    </message>
    <message>
        <location filename="../work/wt/boxdesk/boxoffice/concertspage.cpp" line="46" />
        <source>Concert</source>
        <translation>공연</translation>
    </message>
    <message>
        <location filename="../work/wt/boxdesk/boxoffice/concertspage.cpp" line="53" />
        <source>Sale opens at a set time (its own queue)</source>
        <translation>정해진 시각에 판매 시작 (공연별 대기열)</translation>
    </message>
    <message>
        <location filename="../work/wt/boxdesk/boxoffice/concertspage.cpp" line="67" />
        <source>no limit</source>
        <translation>제한 없음</translation>
    </message>
    <message>
        <location filename="../work/wt/boxdesk/boxoffice/concertspage.cpp" line="68" />
        <source>Queue paused</source>
        <translation>대기열 일시 정지</translation>
    </message>
    <message>
        <location filename="../work/wt/boxdesk/boxoffice/concertspage.cpp" line="85" />
        <source>Add &amp;date</source>
        <translation>날짜 추가(&amp;D)</translation>
    </message>
    <message>
        <location filename="../work/wt/boxdesk/boxoffice/concertspage.cpp" line="92" />
        <source>C&amp;reate concert</source>
        <translation>공연 만들기(&amp;R)</translation>
    </message>
    <message>
        <location filename="../work/wt/boxdesk/boxoffice/concertspage.cpp" line="94" />
        <source>&amp;Save changes</source>
        <translation>변경 저장(&amp;S)</translation>
    </message>
    <message>
        <location filename="../work/wt/boxdesk/boxoffice/concertspage.cpp" line="96" />
        <source>Save new &amp;dates</source>
        <translation>새 날짜 저장(&amp;D)</translation>
    </message>
    <message>
        <location filename="../work/wt/boxdesk/boxoffice/concertspage.cpp" line="105" />
        <source>Title</source>
        <translation>제목</translation>
    </message>
    <message>
        <location filename="../work/wt/boxdesk/boxoffice/concertspage.cpp" line="106" />
        <source>Venue</source>
        <translation>공연장</translation>
    </message>
    <message>
        <location filename="../work/wt/boxdesk/boxoffice/concertspage.cpp" line="108" />
        <source>Sale opens (local time)</source>
        <translation>판매 시작 (현지 시각)</translation>
    </message>
    <message>
        <location filename="../work/wt/boxdesk/boxoffice/concertspage.cpp" line="109" />
        <source>Queue capacity</source>
        <translation>대기열 입장 인원</translation>
    </message>
    <message>
        <location filename="../work/wt/boxdesk/boxoffice/concertspage.cpp" line="110" />
        <source>Admissions per minute</source>
        <translation>분당 입장 인원</translation>
    </message>
    <message>
        <location filename="../work/wt/boxdesk/boxoffice/concertspage.cpp" line="112" />
        <source>Dates and prices</source>
        <translation>날짜와 가격</translation>
    </message>
    <message>
        <location filename="../work/wt/boxdesk/boxoffice/concertspage.cpp" line="113" />
        <source>New date</source>
        <translation>새 날짜</translation>
    </message>
    <message>
        <location filename="../work/wt/boxdesk/boxoffice/concertspage.cpp" line="131" />
        <source>%1 is in the list already.</source>
        <translation>%1은(는) 이미 목록에 있습니다.</translation>
    </message>
    <message>
        <location filename="../work/wt/boxdesk/boxoffice/concertspage.cpp" line="235" />
        <source>A concert needs a title, a venue and at least one date.</source>
        <translation>공연에는 제목, 공연장, 날짜가 하나 이상 필요합니다.</translation>
    </message>
    <message>
        <location filename="../work/wt/boxdesk/boxoffice/concertspage.cpp" line="254" />
        <source>Concert %1 created.</source>
        <translation>공연 %1을(를) 만들었습니다.</translation>
    </message>
    <message>
        <location filename="../work/wt/boxdesk/boxoffice/concertspage.cpp" line="259" />
        <source>Concert %1 created, but its sale time and queue settings were not saved: %2</source>
        <translation>공연 %1을(를) 만들었지만 판매 시각과 대기열 설정은 저장하지 못했습니다: %2</translation>
    </message>
    <message>
        <location filename="../work/wt/boxdesk/boxoffice/concertspage.cpp" line="282" />
        <source>Concert %1 saved.</source>
        <translation>공연 %1을(를) 저장했습니다.</translation>
    </message>
    <message>
        <location filename="../work/wt/boxdesk/boxoffice/concertspage.cpp" line="291" />
        <source>Add a date to the list first.</source>
        <translation>먼저 목록에 날짜를 추가하세요.</translation>
    </message>
    <message numerus="yes">
        <location filename="../work/wt/boxdesk/boxoffice/concertspage.cpp" line="301" />
        <source>%n date(s) added.</source>
        <translation>
            <numerusform>날짜 %n개를 추가했습니다.</numerusform></translation>
    </message>
</context>
<context>
    <name>CustomersPage</name>
    <message>
        <location filename="../work/wt/boxdesk/boxoffice/customerspage.cpp" line="27" />
        <source>Member number</source>
        <translation>회원 번호</translation>
    </message>
    <message>
        <location filename="../work/wt/boxdesk/boxoffice/customerspage.cpp" line="29" />
        <source>&amp;Look up</source>
        <translation>조회(&amp;L)</translation>
    </message>
    <message>
        <location filename="../work/wt/boxdesk/boxoffice/customerspage.cpp" line="34" />
        <source>Member</source>
        <translation>회원</translation>
    </message>
    <message>
        <location filename="../work/wt/boxdesk/boxoffice/customerspage.cpp" line="43" />
        <source>&amp;Cancel and refund the selected reservation</source>
        <translation>선택한 예약 취소 및 환불(&amp;C)</translation>
    </message>
    <message>
        <location filename="../work/wt/boxdesk/boxoffice/customerspage.cpp" line="50" />
        <source>Reservations (newest first)</source>
        <translation>예약 (최신순)</translation>
    </message>
    <message>
        <location filename="../work/wt/boxdesk/boxoffice/customerspage.cpp" line="56" />
        <source>Payments (newest first)</source>
        <translation>결제 (최신순)</translation>
    </message>
    <message>
        <location filename="../work/wt/boxdesk/boxoffice/customerspage.cpp" line="90" />
        <source>A member number looks like 0b7e3c1a-5d2f-4c8e-9a41-2f6d8b1c7e90.</source>
        <translation>회원 번호는 0b7e3c1a-5d2f-4c8e-9a41-2f6d8b1c7e90 같은 형식입니다.</translation>
    </message>
    <message>
        <location filename="../work/wt/boxdesk/boxoffice/customerspage.cpp" line="101" />
        <source>Balance %1</source>
        <translation>잔액 %1</translation>
    </message>
    <message numerus="yes">
        <location filename="../work/wt/boxdesk/boxoffice/customerspage.cpp" line="108" />
        <source>%n reservation(s).</source>
        <translation>
            <numerusform>예약 %n건.</numerusform></translation>
    </message>
    <message>
        <location filename="../work/wt/boxdesk/boxoffice/customerspage.cpp" line="128" />
        <source>Reservation %1 cancelled; %2 refunded to the balance.</source>
        <translation>예약 %1을(를) 취소하고 %2을(를) 잔액으로 환불했습니다.</translation>
    </message>
    <message>
        <location filename="../work/wt/boxdesk/boxoffice/customerspage.cpp" line="132" />
        <source>Reservation %1 released.</source>
        <translation>예약 %1의 선점을 풀었습니다.</translation>
    </message>
</context>
<context>
    <name>DatePriceTableModel</name>
    <message>
        <location filename="../work/wt/boxdesk/boxoffice/datepricetablemodel.cpp" line="43" />
        <source>new</source>
        <translation>새 날짜</translation>
    </message>
    <message>
        <location filename="../work/wt/boxdesk/boxoffice/datepricetablemodel.cpp" line="44" />
        <source>changed</source>
        <translation>변경됨</translation>
    </message>
    <message>
        <location filename="../work/wt/boxdesk/boxoffice/datepricetablemodel.cpp" line="54" />
        <source>Date</source>
        <translation>날짜</translation>
    </message>
    <message>
        <location filename="../work/wt/boxdesk/boxoffice/datepricetablemodel.cpp" line="56" />
        <source>Price</source>
        <translation>가격</translation>
    </message>
    <message>
        <location filename="../work/wt/boxdesk/boxoffice/datepricetablemodel.cpp" line="58" />
        <source>State</source>
        <translation>상태</translation>
    </message>
</context>
<context>
    <name>DoorPage</name>
    <message>
        <location filename="../work/wt/boxdesk/boxoffice/doorpage.cpp" line="15" />
        <source>Scan or type the ticket code, then Enter</source>
        <translation>티켓 코드를 스캔하거나 입력한 뒤 Enter</translation>
    </message>
    <message>
        <location filename="../work/wt/boxdesk/boxoffice/doorpage.cpp" line="19" />
        <source>&amp;Check</source>
        <translation>확인(&amp;C)</translation>
    </message>
    <message>
        <location filename="../work/wt/boxdesk/boxoffice/doorpage.cpp" line="25" />
        <source>READY</source>
        <translation>준비</translation>
    </message>
    <message>
        <location filename="../work/wt/boxdesk/boxoffice/doorpage.cpp" line="35" />
        <source>Waiting for the first ticket.</source>
        <translation>첫 티켓을 기다리는 중입니다.</translation>
    </message>
    <message>
        <location filename="../work/wt/boxdesk/boxoffice/doorpage.cpp" line="67" />
        <source>…</source>
        <translation>…</translation>
    </message>
</context>
<context>
    <name>DoorVerdict</name>
    <message>
        <location filename="../work/wt/boxdesk/boxoffice/doorverdict.cpp" line="24" />
        <source>Concert %1 · %2 · seats %3</source>
        <translation>공연 %1 · %2 · 좌석 %3</translation>
    </message>
    <message>
        <location filename="../work/wt/boxdesk/boxoffice/doorverdict.cpp" line="31" />
        <source>ENTER</source>
        <translation>입장</translation>
    </message>
    <message>
        <location filename="../work/wt/boxdesk/boxoffice/doorverdict.cpp" line="32" />
        <source>First entry. %1</source>
        <translation>첫 입장. %1</translation>
    </message>
    <message>
        <location filename="../work/wt/boxdesk/boxoffice/doorverdict.cpp" line="36" />
        <source>ALREADY IN</source>
        <translation>이미 입장</translation>
    </message>
    <message>
        <location filename="../work/wt/boxdesk/boxoffice/doorverdict.cpp" line="37" />
        <source>Checked in before, at %1. %2</source>
        <translation>%1에 이미 입장했습니다. %2</translation>
    </message>
    <message>
        <location filename="../work/wt/boxdesk/boxoffice/doorverdict.cpp" line="51" />
        <source>CANCELLED</source>
        <translation>취소됨</translation>
    </message>
    <message>
        <location filename="../work/wt/boxdesk/boxoffice/doorverdict.cpp" line="52" />
        <source>This ticket was cancelled and refunded. Do not admit.</source>
        <translation>취소·환불된 티켓입니다. 입장시키지 마세요.</translation>
    </message>
    <message>
        <location filename="../work/wt/boxdesk/boxoffice/doorverdict.cpp" line="55" />
        <source>NOT A TICKET</source>
        <translation>유효하지 않음</translation>
    </message>
    <message>
        <location filename="../work/wt/boxdesk/boxoffice/doorverdict.cpp" line="56" />
        <source>The code is forged, altered or unreadable. Do not admit.</source>
        <translation>위조·변조되었거나 읽을 수 없는 코드입니다. 입장시키지 마세요.</translation>
    </message>
    <message>
        <location filename="../work/wt/boxdesk/boxoffice/doorverdict.cpp" line="59" />
        <source>NO ANSWER</source>
        <translation>응답 없음</translation>
    </message>
    <message>
        <location filename="../work/wt/boxdesk/boxoffice/doorverdict.cpp" line="60" />
        <source>The check could not be made (%1: %2). Try again.</source>
        <translation>확인하지 못했습니다 (%1: %2). 다시 시도하세요.</translation>
    </message>
</context>
<context>
    <name>KeysPage</name>
    <message>
        <location filename="../work/wt/boxdesk/boxoffice/keyspage.cpp" line="24" />
        <source>Name, e.g. lobby-kiosk-1 or desk-2</source>
        <translation>이름 (예: lobby-kiosk-1, desk-2)</translation>
    </message>
    <message>
        <location filename="../work/wt/boxdesk/boxoffice/keyspage.cpp" line="27" />
        <source>STAFF (box office)</source>
        <translation>STAFF (매표소)</translation>
    </message>
    <message>
        <location filename="../work/wt/boxdesk/boxoffice/keyspage.cpp" line="28" />
        <source>TERMINAL (kiosk top-ups)</source>
        <translation>TERMINAL (키오스크 충전)</translation>
    </message>
    <message>
        <location filename="../work/wt/boxdesk/boxoffice/keyspage.cpp" line="29" />
        <source>ADMIN (everything)</source>
        <translation>ADMIN (전체)</translation>
    </message>
    <message>
        <location filename="../work/wt/boxdesk/boxoffice/keyspage.cpp" line="30" />
        <source>Create &amp;key</source>
        <translation>키 만들기(&amp;K)</translation>
    </message>
    <message>
        <location filename="../work/wt/boxdesk/boxoffice/keyspage.cpp" line="32" />
        <source>Re&amp;voke the selected key</source>
        <translation>선택한 키 폐기(&amp;V)</translation>
    </message>
    <message>
        <location filename="../work/wt/boxdesk/boxoffice/keyspage.cpp" line="37" />
        <source>A new key is shown here once: copy it now.</source>
        <translation>새 키는 여기에 한 번만 표시됩니다. 지금 복사하세요.</translation>
    </message>
    <message>
        <location filename="../work/wt/boxdesk/boxoffice/keyspage.cpp" line="78" />
        <source>Give the key a name.</source>
        <translation>키 이름을 입력하세요.</translation>
    </message>
    <message>
        <location filename="../work/wt/boxdesk/boxoffice/keyspage.cpp" line="89" />
        <source>Key %1 (%2) created. It is shown only now.</source>
        <translation>키 %1 (%2)을(를) 만들었습니다. 지금만 표시됩니다.</translation>
    </message>
    <message>
        <location filename="../work/wt/boxdesk/boxoffice/keyspage.cpp" line="107" />
        <source>Key %1 revoked.</source>
        <translation>키 %1을(를) 폐기했습니다.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../work/wt/boxdesk/boxoffice/mainwindow.cpp" line="29" />
        <source>Concert Box Office</source>
        <translation>공연 매표소</translation>
    </message>
    <message>
        <location filename="../work/wt/boxdesk/boxoffice/mainwindow.cpp" line="38" />
        <source>Staff key</source>
        <translation>직원 키</translation>
    </message>
    <message>
        <location filename="../work/wt/boxdesk/boxoffice/mainwindow.cpp" line="39" />
        <source>Remember the key</source>
        <translation>키 기억하기</translation>
    </message>
    <message>
        <location filename="../work/wt/boxdesk/boxoffice/mainwindow.cpp" line="41" />
        <source>Sign &amp;in</source>
        <translation>로그인(&amp;I)</translation>
    </message>
    <message>
        <location filename="../work/wt/boxdesk/boxoffice/mainwindow.cpp" line="43" />
        <location filename="../work/wt/boxdesk/boxoffice/mainwindow.cpp" line="209" />
        <source>Not signed in.</source>
        <translation>로그인하지 않았습니다.</translation>
    </message>
    <message>
        <location filename="../work/wt/boxdesk/boxoffice/mainwindow.cpp" line="46" />
        <source>Server</source>
        <translation>서버</translation>
    </message>
    <message>
        <location filename="../work/wt/boxdesk/boxoffice/mainwindow.cpp" line="48" />
        <source>Key</source>
        <translation>키</translation>
    </message>
    <message>
        <location filename="../work/wt/boxdesk/boxoffice/mainwindow.cpp" line="58" />
        <source>Sign in with a box-office key (ADMIN, STAFF or TERMINAL).
The first ADMIN key is the server's --admin-key.</source>
        <translation>매표소 키(ADMIN, STAFF, TERMINAL)로 로그인하세요.
첫 ADMIN 키는 서버의 --admin-key입니다.</translation>
    </message>
    <message>
        <location filename="../work/wt/boxdesk/boxoffice/mainwindow.cpp" line="78" />
        <source>Ctrl+%1</source>
        <translation>Ctrl+%1</translation>
    </message>
    <message>
        <location filename="../work/wt/boxdesk/boxoffice/mainwindow.cpp" line="121" />
        <source>Ctrl+1 … Ctrl+8 switch between the areas.</source>
        <translation>Ctrl+1 … Ctrl+8로 화면을 바꿉니다.</translation>
    </message>
    <message>
        <location filename="../work/wt/boxdesk/boxoffice/mainwindow.cpp" line="141" />
        <source>The server address is not a URL.</source>
        <translation>서버 주소가 URL이 아닙니다.</translation>
    </message>
    <message>
        <location filename="../work/wt/boxdesk/boxoffice/mainwindow.cpp" line="146" />
        <source>Signing in…</source>
        <translation>로그인 중…</translation>
    </message>
    <message>
        <location filename="../work/wt/boxdesk/boxoffice/mainwindow.cpp" line="153" />
        <source>The server cannot be reached (%1).</source>
        <translation>서버에 연결할 수 없습니다 (%1).</translation>
    </message>
    <message>
        <location filename="../work/wt/boxdesk/boxoffice/mainwindow.cpp" line="154" />
        <source>This key is not accepted (%1).</source>
        <translation>이 키는 받아들여지지 않습니다 (%1).</translation>
    </message>
    <message>
        <location filename="../work/wt/boxdesk/boxoffice/mainwindow.cpp" line="161" />
        <source>Sell</source>
        <translation>판매</translation>
    </message>
    <message>
        <location filename="../work/wt/boxdesk/boxoffice/mainwindow.cpp" line="163" />
        <source>Customers</source>
        <translation>고객</translation>
    </message>
    <message>
        <location filename="../work/wt/boxdesk/boxoffice/mainwindow.cpp" line="165" />
        <source>Concerts</source>
        <translation>공연</translation>
    </message>
    <message>
        <location filename="../work/wt/boxdesk/boxoffice/mainwindow.cpp" line="167" />
        <source>Sales</source>
        <translation>판매 현황</translation>
    </message>
    <message>
        <location filename="../work/wt/boxdesk/boxoffice/mainwindow.cpp" line="169" />
        <source>Queue</source>
        <translation>대기열</translation>
    </message>
    <message>
        <location filename="../work/wt/boxdesk/boxoffice/mainwindow.cpp" line="171" />
        <source>Door</source>
        <translation>입장</translation>
    </message>
    <message>
        <location filename="../work/wt/boxdesk/boxoffice/mainwindow.cpp" line="173" />
        <source>Keys</source>
        <translation>키</translation>
    </message>
    <message>
        <location filename="../work/wt/boxdesk/boxoffice/mainwindow.cpp" line="175" />
        <source>Audit</source>
        <translation>감사 기록</translation>
    </message>
    <message>
        <location filename="../work/wt/boxdesk/boxoffice/mainwindow.cpp" line="212" />
        <source>Signed in as %1%2: %3</source>
        <translation>%1%2(으)로 로그인: %3</translation>
    </message>
    <message>
        <location filename="../work/wt/boxdesk/boxoffice/mainwindow.cpp" line="215" />
        <source> (bootstrap key)</source>
        <translation> (초기 키)</translation>
    </message>
</context>
<context>
    <name>PaymentTableModel</name>
    <message>
        <location filename="../work/wt/boxdesk/boxoffice/paymenttablemodel.cpp" line="11" />
        <source>Payment</source>
        <translation>결제</translation>
    </message>
    <message>
        <location filename="../work/wt/boxdesk/boxoffice/paymenttablemodel.cpp" line="12" />
        <source>Reservation</source>
        <translation>예약</translation>
    </message>
    <message>
        <location filename="../work/wt/boxdesk/boxoffice/paymenttablemodel.cpp" line="13" />
        <source>Amount</source>
        <translation>금액</translation>
    </message>
    <message>
        <location filename="../work/wt/boxdesk/boxoffice/paymenttablemodel.cpp" line="14" />
        <source>Status</source>
        <translation>상태</translation>
    </message>
    <message>
        <location filename="../work/wt/boxdesk/boxoffice/paymenttablemodel.cpp" line="15" />
        <source>Paid at</source>
        <translation>결제 시각</translation>
    </message>
</context>
<context>
    <name>QueuePage</name>
    <message>
        <location filename="../work/wt/boxdesk/boxoffice/queuepage.cpp" line="25" />
        <source>Steer the selected room</source>
        <translation>선택한 대기실 조정</translation>
    </message>
    <message>
        <location filename="../work/wt/boxdesk/boxoffice/queuepage.cpp" line="26" />
        <location filename="../work/wt/boxdesk/boxoffice/queuepage.cpp" line="119" />
        <source>Select a concert's room above.</source>
        <translation>위에서 공연 대기실을 고르세요.</translation>
    </message>
    <message>
        <location filename="../work/wt/boxdesk/boxoffice/queuepage.cpp" line="28" />
        <source>&amp;Pause admissions</source>
        <translation>입장 일시 정지(&amp;P)</translation>
    </message>
    <message>
        <location filename="../work/wt/boxdesk/boxoffice/queuepage.cpp" line="30" />
        <source>Res&amp;ume admissions</source>
        <translation>입장 재개(&amp;U)</translation>
    </message>
    <message>
        <location filename="../work/wt/boxdesk/boxoffice/queuepage.cpp" line="38" />
        <source>no limit</source>
        <translation>제한 없음</translation>
    </message>
    <message>
        <location filename="../work/wt/boxdesk/boxoffice/queuepage.cpp" line="39" />
        <source>&amp;Apply capacity and rate</source>
        <translation>인원과 속도 적용(&amp;A)</translation>
    </message>
    <message>
        <location filename="../work/wt/boxdesk/boxoffice/queuepage.cpp" line="48" />
        <source>Capacity (ACTIVE at once)</source>
        <translation>입장 인원 (동시 ACTIVE)</translation>
    </message>
    <message>
        <location filename="../work/wt/boxdesk/boxoffice/queuepage.cpp" line="49" />
        <source>Admissions per minute</source>
        <translation>분당 입장 인원</translation>
    </message>
    <message>
        <location filename="../work/wt/boxdesk/boxoffice/queuepage.cpp" line="118" />
        <source>The house room follows the server's options.</source>
        <translation>기본 대기실은 서버 옵션을 따릅니다.</translation>
    </message>
    <message>
        <location filename="../work/wt/boxdesk/boxoffice/queuepage.cpp" line="120" />
        <source>Concert %1: PAUSED, nobody is admitted.</source>
        <translation>공연 %1: 일시 정지, 아무도 입장하지 않습니다.</translation>
    </message>
    <message>
        <location filename="../work/wt/boxdesk/boxoffice/queuepage.cpp" line="121" />
        <source>Concert %1: admitting.</source>
        <translation>공연 %1: 입장 중.</translation>
    </message>
    <message>
        <location filename="../work/wt/boxdesk/boxoffice/queuepage.cpp" line="149" />
        <source>Updated %1.</source>
        <translation>%1에 갱신.</translation>
    </message>
    <message>
        <location filename="../work/wt/boxdesk/boxoffice/queuepage.cpp" line="165" />
        <source>Concert %1's queue is paused.</source>
        <translation>공연 %1의 대기열을 일시 정지했습니다.</translation>
    </message>
    <message>
        <location filename="../work/wt/boxdesk/boxoffice/queuepage.cpp" line="166" />
        <source>Concert %1's queue admits (capacity %2, %3 per minute).</source>
        <translation>공연 %1의 대기열이 입장 중입니다 (인원 %2, 분당 %3).</translation>
    </message>
</context>
<context>
    <name>QueueRoomTableModel</name>
    <message>
        <location filename="../work/wt/boxdesk/boxoffice/queueroomtablemodel.cpp" line="9" />
        <source>yes</source>
        <translation>예</translation>
    </message>
    <message>
        <location filename="../work/wt/boxdesk/boxoffice/queueroomtablemodel.cpp" line="10" />
        <source>no</source>
        <translation>아니요</translation>
    </message>
    <message>
        <location filename="../work/wt/boxdesk/boxoffice/queueroomtablemodel.cpp" line="25" />
        <source>Room</source>
        <translation>대기실</translation>
    </message>
    <message>
        <location filename="../work/wt/boxdesk/boxoffice/queueroomtablemodel.cpp" line="28" />
        <source>Concert %1</source>
        <translation>공연 %1</translation>
    </message>
    <message>
        <location filename="../work/wt/boxdesk/boxoffice/queueroomtablemodel.cpp" line="28" />
        <source>House</source>
        <translation>기본</translation>
    </message>
    <message>
        <location filename="../work/wt/boxdesk/boxoffice/queueroomtablemodel.cpp" line="30" />
        <source>Waiting</source>
        <translation>대기</translation>
    </message>
    <message>
        <location filename="../work/wt/boxdesk/boxoffice/queueroomtablemodel.cpp" line="31" />
        <source>Active</source>
        <translation>입장</translation>
    </message>
    <message>
        <location filename="../work/wt/boxdesk/boxoffice/queueroomtablemodel.cpp" line="32" />
        <source>Capacity</source>
        <translation>인원</translation>
    </message>
    <message>
        <location filename="../work/wt/boxdesk/boxoffice/queueroomtablemodel.cpp" line="33" />
        <source>Admit / min</source>
        <translation>분당 입장</translation>
    </message>
    <message>
        <location filename="../work/wt/boxdesk/boxoffice/queueroomtablemodel.cpp" line="34" />
        <source>Paused</source>
        <translation>정지</translation>
    </message>
    <message>
        <location filename="../work/wt/boxdesk/boxoffice/queueroomtablemodel.cpp" line="38" />
        <source>Sold out</source>
        <translation>매진</translation>
    </message>
    <message>
        <location filename="../work/wt/boxdesk/boxoffice/queueroomtablemodel.cpp" line="42" />
        <source>Admitted (1 min)</source>
        <translation>입장 (1분)</translation>
    </message>
    <message>
        <location filename="../work/wt/boxdesk/boxoffice/queueroomtablemodel.cpp" line="43" />
        <source>Abandoned (1 min)</source>
        <translation>이탈 (1분)</translation>
    </message>
    <message>
        <location filename="../work/wt/boxdesk/boxoffice/queueroomtablemodel.cpp" line="44" />
        <source>Oldest wait</source>
        <translation>최장 대기</translation>
    </message>
    <message>
        <location filename="../work/wt/boxdesk/boxoffice/queueroomtablemodel.cpp" line="46" />
        <source>Wait at the back</source>
        <translation>맨 뒤 예상 대기</translation>
    </message>
</context>
<context>
    <name>ReservationTableModel</name>
    <message>
        <location filename="../work/wt/boxdesk/boxoffice/reservationtablemodel.cpp" line="12" />
        <source>Reservation</source>
        <translation>예약</translation>
    </message>
    <message>
        <location filename="../work/wt/boxdesk/boxoffice/reservationtablemodel.cpp" line="13" />
        <source>Concert</source>
        <translation>공연</translation>
    </message>
    <message>
        <location filename="../work/wt/boxdesk/boxoffice/reservationtablemodel.cpp" line="14" />
        <source>Date</source>
        <translation>날짜</translation>
    </message>
    <message>
        <location filename="../work/wt/boxdesk/boxoffice/reservationtablemodel.cpp" line="15" />
        <source>Seats</source>
        <translation>좌석</translation>
    </message>
    <message>
        <location filename="../work/wt/boxdesk/boxoffice/reservationtablemodel.cpp" line="22" />
        <source>Amount</source>
        <translation>금액</translation>
    </message>
    <message>
        <location filename="../work/wt/boxdesk/boxoffice/reservationtablemodel.cpp" line="23" />
        <source>Status</source>
        <translation>상태</translation>
    </message>
    <message>
        <location filename="../work/wt/boxdesk/boxoffice/reservationtablemodel.cpp" line="24" />
        <source>Ticket code</source>
        <translation>티켓 코드</translation>
    </message>
    <message>
        <location filename="../work/wt/boxdesk/boxoffice/reservationtablemodel.cpp" line="25" />
        <source>Payment</source>
        <translation>결제</translation>
    </message>
</context>
<context>
    <name>SalesPage</name>
    <message>
        <location filename="../work/wt/boxdesk/boxoffice/salespage.cpp" line="21" />
        <source>&amp;Refresh</source>
        <translation>새로 고침(&amp;R)</translation>
    </message>
    <message>
        <location filename="../work/wt/boxdesk/boxoffice/salespage.cpp" line="23" />
        <source>Concert</source>
        <translation>공연</translation>
    </message>
    <message>
        <location filename="../work/wt/boxdesk/boxoffice/salespage.cpp" line="79" />
        <source>Updated %1.</source>
        <translation>%1에 갱신.</translation>
    </message>
</context>
<context>
    <name>SalesTableModel</name>
    <message>
        <location filename="../work/wt/boxdesk/boxoffice/salestablemodel.cpp" line="9" />
        <source>Date</source>
        <translation>날짜</translation>
    </message>
    <message>
        <location filename="../work/wt/boxdesk/boxoffice/salestablemodel.cpp" line="10" />
        <source>Price</source>
        <translation>가격</translation>
    </message>
    <message>
        <location filename="../work/wt/boxdesk/boxoffice/salestablemodel.cpp" line="11" />
        <source>Available</source>
        <translation>남은 좌석</translation>
    </message>
    <message>
        <location filename="../work/wt/boxdesk/boxoffice/salestablemodel.cpp" line="12" />
        <source>Held</source>
        <translation>선점</translation>
    </message>
    <message>
        <location filename="../work/wt/boxdesk/boxoffice/salestablemodel.cpp" line="13" />
        <source>Sold</source>
        <translation>판매</translation>
    </message>
    <message>
        <location filename="../work/wt/boxdesk/boxoffice/salestablemodel.cpp" line="14" />
        <source>Revenue</source>
        <translation>매출</translation>
    </message>
    <message>
        <location filename="../work/wt/boxdesk/boxoffice/salestablemodel.cpp" line="31" />
        <source>Sold %1 · Held %2 · Available %3 · Revenue %4</source>
        <translation>판매 %1 · 선점 %2 · 남은 좌석 %3 · 매출 %4</translation>
    </message>
</context>
<context>
    <name>SeatMapWidget</name>
    <message>
        <location filename="../work/wt/boxdesk/boxoffice/seatmapwidget.cpp" line="87" />
        <source>The server sent a seat map this program cannot read.</source>
        <translation>서버가 보낸 좌석 배치도를 읽을 수 없습니다.</translation>
    </message>
    <message>
        <location filename="../work/wt/boxdesk/boxoffice/seatmapwidget.cpp" line="95" />
        <source>No seats for this date (%1).</source>
        <translation>이 날짜의 좌석이 없습니다 (%1).</translation>
    </message>
    <message>
        <location filename="../work/wt/boxdesk/boxoffice/seatmapwidget.cpp" line="105" />
        <source>This server has no staff seat map: held and sold seats are not shown. A taken seat is refused when you hold it.</source>
        <translation>이 서버에는 직원용 좌석 배치도가 없어 선점·판매된 좌석이 보이지 않습니다. 이미 팔린 좌석은 선점할 때 거부됩니다.</translation>
    </message>
</context>
<context>
    <name>SellPage</name>
    <message>
        <location filename="../work/wt/boxdesk/boxoffice/sellpage.cpp" line="26" />
        <source>1. Customer and cash</source>
        <translation>1. 고객과 현금</translation>
    </message>
    <message>
        <location filename="../work/wt/boxdesk/boxoffice/sellpage.cpp" line="29" />
        <source>Member number (e.g. 0b7e…-…)</source>
        <translation>회원 번호 (예: 0b7e…-…)</translation>
    </message>
    <message>
        <location filename="../work/wt/boxdesk/boxoffice/sellpage.cpp" line="31" />
        <source>&amp;Find</source>
        <translation>찾기(&amp;F)</translation>
    </message>
    <message>
        <location filename="../work/wt/boxdesk/boxoffice/sellpage.cpp" line="33" />
        <source>&amp;New customer</source>
        <translation>새 고객(&amp;N)</translation>
    </message>
    <message>
        <location filename="../work/wt/boxdesk/boxoffice/sellpage.cpp" line="35" />
        <source>No customer yet.</source>
        <translation>아직 고객이 없습니다.</translation>
    </message>
    <message>
        <location filename="../work/wt/boxdesk/boxoffice/sellpage.cpp" line="45" />
        <source>Take cash and &amp;top up</source>
        <translation>현금 받고 충전(&amp;T)</translation>
    </message>
    <message>
        <location filename="../work/wt/boxdesk/boxoffice/sellpage.cpp" line="55" />
        <source>Member</source>
        <translation>회원</translation>
    </message>
    <message>
        <location filename="../work/wt/boxdesk/boxoffice/sellpage.cpp" line="57" />
        <source>Cash</source>
        <translation>현금</translation>
    </message>
    <message>
        <location filename="../work/wt/boxdesk/boxoffice/sellpage.cpp" line="59" />
        <source>2. Seats</source>
        <translation>2. 좌석</translation>
    </message>
    <message>
        <location filename="../work/wt/boxdesk/boxoffice/sellpage.cpp" line="68" />
        <source>&amp;Show seats</source>
        <translation>좌석 보기(&amp;S)</translation>
    </message>
    <message>
        <location filename="../work/wt/boxdesk/boxoffice/sellpage.cpp" line="73" />
        <source>Concert</source>
        <translation>공연</translation>
    </message>
    <message>
        <location filename="../work/wt/boxdesk/boxoffice/sellpage.cpp" line="75" />
        <source>Date</source>
        <translation>날짜</translation>
    </message>
    <message>
        <location filename="../work/wt/boxdesk/boxoffice/sellpage.cpp" line="83" />
        <source>3. Hold and pay</source>
        <translation>3. 선점과 결제</translation>
    </message>
    <message>
        <location filename="../work/wt/boxdesk/boxoffice/sellpage.cpp" line="85" />
        <source>&amp;Hold seats</source>
        <translation>좌석 선점(&amp;H)</translation>
    </message>
    <message>
        <location filename="../work/wt/boxdesk/boxoffice/sellpage.cpp" line="87" />
        <location filename="../work/wt/boxdesk/boxoffice/sellpage.cpp" line="175" />
        <source>Nothing held.</source>
        <translation>선점한 좌석이 없습니다.</translation>
    </message>
    <message>
        <location filename="../work/wt/boxdesk/boxoffice/sellpage.cpp" line="90" />
        <source>Take &amp;payment from the balance</source>
        <translation>잔액으로 결제(&amp;P)</translation>
    </message>
    <message>
        <location filename="../work/wt/boxdesk/boxoffice/sellpage.cpp" line="97" />
        <source>The ticket code appears here after payment.</source>
        <translation>결제 후 여기에 티켓 코드가 나타납니다.</translation>
    </message>
    <message>
        <location filename="../work/wt/boxdesk/boxoffice/sellpage.cpp" line="107" />
        <source>Ticket code</source>
        <translation>티켓 코드</translation>
    </message>
    <message>
        <location filename="../work/wt/boxdesk/boxoffice/sellpage.cpp" line="136" />
        <source>Click seats on the map (up to %1).</source>
        <translation>배치도에서 좌석을 누르세요 (최대 %1석).</translation>
    </message>
    <message>
        <location filename="../work/wt/boxdesk/boxoffice/sellpage.cpp" line="137" />
        <source>Seats %1 · %2</source>
        <translation>좌석 %1 · %2</translation>
    </message>
    <message>
        <location filename="../work/wt/boxdesk/boxoffice/sellpage.cpp" line="143" />
        <source>At most %1 seats per hold here; hold them, then start another.</source>
        <translation>한 번에 최대 %1석까지 선점합니다. 먼저 선점한 뒤 다시 시작하세요.</translation>
    </message>
    <message>
        <location filename="../work/wt/boxdesk/boxoffice/sellpage.cpp" line="181" />
        <source>Balance %1</source>
        <translation>잔액 %1</translation>
    </message>
    <message>
        <location filename="../work/wt/boxdesk/boxoffice/sellpage.cpp" line="190" />
        <source>A member number looks like 0b7e3c1a-5d2f-4c8e-9a41-2f6d8b1c7e90.</source>
        <translation>회원 번호는 0b7e3c1a-5d2f-4c8e-9a41-2f6d8b1c7e90 같은 형식입니다.</translation>
    </message>
    <message>
        <location filename="../work/wt/boxdesk/boxoffice/sellpage.cpp" line="198" />
        <source>Customer found.</source>
        <translation>고객을 찾았습니다.</translation>
    </message>
    <message>
        <location filename="../work/wt/boxdesk/boxoffice/sellpage.cpp" line="207" />
        <source>New member number %1: give it to the customer.</source>
        <translation>새 회원 번호 %1: 고객에게 알려 주세요.</translation>
    </message>
    <message>
        <location filename="../work/wt/boxdesk/boxoffice/sellpage.cpp" line="230" />
        <source>Topped up %1 in cash.</source>
        <translation>현금 %1을(를) 충전했습니다.</translation>
    </message>
    <message>
        <location filename="../work/wt/boxdesk/boxoffice/sellpage.cpp" line="270" />
        <source>This server lists no dates for staff: type the date.</source>
        <translation>이 서버는 직원에게 날짜 목록을 주지 않습니다. 날짜를 입력하세요.</translation>
    </message>
    <message>
        <location filename="../work/wt/boxdesk/boxoffice/sellpage.cpp" line="283" />
        <source>Pick a concert and a date (YYYY-MM-DD).</source>
        <translation>공연과 날짜(YYYY-MM-DD)를 고르세요.</translation>
    </message>
    <message>
        <location filename="../work/wt/boxdesk/boxoffice/sellpage.cpp" line="315" />
        <source>Reservation %1: %2, held until %3.</source>
        <translation>예약 %1: %2, %3까지 선점.</translation>
    </message>
    <message>
        <location filename="../work/wt/boxdesk/boxoffice/sellpage.cpp" line="320" />
        <source>Seats held. Take the payment before the hold runs out.</source>
        <translation>좌석을 선점했습니다. 선점 시간이 끝나기 전에 결제하세요.</translation>
    </message>
    <message>
        <location filename="../work/wt/boxdesk/boxoffice/sellpage.cpp" line="351" />
        <source>Paid %1 (payment %2). Give the ticket code to the customer.</source>
        <translation>%1 결제 완료 (결제 %2). 고객에게 티켓 코드를 주세요.</translation>
    </message>
    <message>
        <location filename="../work/wt/boxdesk/boxoffice/sellpage.cpp" line="354" />
        <source>Sold.</source>
        <translation>판매 완료.</translation>
    </message>
</context>
</TS>