# The voter pages ("Where's My Ballot?"), Korean.
# See i18n/en/portal.ftl for the meaning of every message and variable.
# Placeholders in { $braces } are filled in by the service; keep them as they are.
# County names and election names stay as written (in English).
# Register: 합쇼체. Glossary terms: 우편 투표용지 (vote-by-mail ballot), 카운티 선거
# 사무소 (county elections office), 내 투표용지는 어디에 있나요? (Where's My
# Ballot?), 서명, 집계됨 / 접수됨, 등록하기.
# Particles never follow a variable directly (a noun such as 카운티, 번, 님, 연락처
# sits in between), except after dates, which always end in 일.

## Every page

site-name = 내 투표용지는 어디에 있나요?
skip-link = 본문으로 바로 가기
nav-label = 주 메뉴
nav-home = 홈
nav-sign-up = 등록하기
nav-sign-in = 로그인
nav-my-ballot = 내 투표용지
nav-preferences = 내 설정
nav-counties = 참여 카운티
nav-help = 도움말
nav-sign-out = 로그아웃
language-label = 언어
language-change = 언어 변경
footer-text = 이 서비스는 캘리포니아주 국무장관실과 귀하의 카운티 선거 사무소가 제공합니다. 저희는 사회보장번호, 운전면허 번호 또는 결제를 절대 요구하지 않습니다.
error-summary-title = 입력 내용에 문제가 있습니다
error-prefix = 오류:
button-continue = 계속
button-save = 저장
button-back = 뒤로
form-expired = 이 페이지가 너무 오래 열려 있었거나 두 번 제출되었습니다. 다시 입력해 주십시오.
too-many-attempts = 이곳에서 시도한 횟수가 너무 많습니다. 15분 후에 다시 시도해 주십시오.
not-found-title = 페이지를 찾을 수 없습니다
not-found-text = 존재하지 않는 페이지입니다. 주소를 확인하시거나 홈페이지로 이동하십시오.
server-error-title = 문제가 발생했습니다
server-error-text = 요청을 처리하지 못했습니다. 몇 분 후에 다시 시도해 주십시오.

## Home

home-title = 우편 투표용지 추적하기
home-intro = 등록하시면 카운티에서 우편 투표용지를 발송할 때, 카운티에서 투표용지를 받았을 때, 그리고 투표용지가 집계되었을 때 이메일, 문자 메시지 또는 전화로 알려 드립니다. 알림은 귀하의 언어로, 선택하신 시간에만 발송됩니다.
home-how-title = 이용 방법
home-step-identify = 본인 정보를 알려 주십시오. 유권자 등록에 기재된 대로 이름, 생년월일, ZIP 코드(우편번호)를 입력하시면 됩니다.
home-step-choose = 알림 방법과 시간을 선택하시고, 이메일 주소나 전화번호를 인증 코드로 확인하십시오.
home-step-follow = 투표용지가 집계될 때까지 투표용지의 상태가 바뀔 때마다 알려 드립니다.
home-sign-up = 등록하기
home-sign-in-text = 이미 등록하셨습니까?
home-sign-in = 로그인하여 투표용지 확인하기

## Sign-up: who you are

signup-title = 등록하기
signup-intro = 유권자 등록에 기재된 것과 정확히 같게 정보를 입력해 주십시오. 모든 항목은 필수입니다.
field-first-name = 이름
field-last-name = 성
field-dob = 생년월일
field-dob-hint = MM-DD-YYYY(월-일-연도), 예: 07-04-1980
field-zip = ZIP 코드
field-zip-hint = 캘리포니아에 있는 자택 주소의 ZIP 코드
error-first-name-missing = 이름을 입력해 주십시오.
error-last-name-missing = 성을 입력해 주십시오.
error-name-too-long = 이름은 최대 100자까지 입력할 수 있습니다.
error-dob-missing = 생년월일을 입력해 주십시오.
error-dob-format = 생년월일을 월, 일, 연도 순서로 입력해 주십시오: MM-DD-YYYY, 예: 07-04-1980.
error-dob-invalid = 존재하지 않는 날짜입니다. 월과 일을 확인해 주십시오: MM-DD-YYYY.
error-zip-format = 5자리 ZIP 코드를 입력해 주십시오. 예: 95814.

## Sign-up: more than one voter matches

voter-id-title = 추가 정보가 필요합니다
voter-id-intro = 입력하신 정보와 일치하는 유권자가 두 명 이상입니다. 본인을 정확히 찾을 수 있도록 VoteCal 유권자 번호를 입력해 주십시오. 유권자 번호는 주 정부의 유권자 등록 상태 조회에서 확인하실 수 있습니다.
field-voter-id = VoteCal 유권자 번호
field-voter-id-hint = 유권자 등록 상태 조회에 표시된 영문자와 숫자
error-voter-id-format = 유권자 번호는 영문자와 숫자로만 입력해 주십시오.

## Sign-up: no match

no-match-title = 입력하신 정보로는 등록할 수 없었습니다
no-match-intro = 입력하신 정보로 등록할 수 있는 유권자 등록을 찾지 못했습니다. 일반적인 원인은 다음과 같습니다.
no-match-cause-typo = 애칭, 중간 이름, 하이픈, 빠진 악센트 부호 또는 오타 등으로 인해 유권자 등록 시 이름이나 생년월일이 다르게 기재되었습니다.
no-match-cause-recent = 최근에 유권자 등록을 하셨거나 등록 내용을 변경하셨는데, 변경 사항이 아직 저희에게 전달되지 않았습니다. 며칠 후에 다시 시도해 주십시오.
no-match-cause-status = 현재 유권자 등록이 활성 상태가 아닙니다.
no-match-cause-overseas = 미국 밖에 거주하시면서 해외 주소의 우편번호를 입력하셨습니다. 대신 캘리포니아에서 마지막으로 거주하신 자택 주소의 ZIP 코드를 입력해 주십시오.
no-match-cause-format = 생년월일이 월, 일, 연도(MM-DD-YYYY) 순서로 입력되지 않았습니다.
no-match-lookup = 유권자 등록 확인하기
no-match-lookup-text = 국무장관실의 유권자 등록 상태 조회에서 주 정부에 기록된 귀하의 유권자 등록 내용을 확인하실 수 있습니다.
no-match-county = 카운티 선거 사무소에서도 도움을 받으실 수 있습니다.
no-match-county-link = 카운티 선거 사무소 찾기
no-match-again = 다시 시도하기

## Sign-up and "My choices": how and when

prefs-title = 알림 방법 및 시간
prefs-intro = 원하시는 알림 방법을 하나 이상 선택하십시오. 이메일 주소와 전화번호는 알림을 보내기 전에 각각 인증 코드로 확인합니다.
prefs-language = 알림 언어
prefs-channels = 어떤 방법으로 알려 드릴까요?
channel-email = 이메일
channel-sms = 문자 메시지
channel-voice = 전화
field-email = 이메일 주소
field-sms = 문자 메시지를 받을 휴대전화 번호
field-voice = 알림 전화를 받을 전화번호
field-phone-hint = 예: (916) 555-0100. 미국 밖의 번호는 +와 국가 번호로 시작합니다.
prefs-hours = 알림 시간
prefs-hours-hint = 이 시간 외에는 아무것도 보내지 않습니다. 알림은 설정하신 시간이 될 때까지 기다렸다가 발송됩니다.
field-hours-from = 시작 시각
field-hours-to = 종료 시각
field-time-zone = 시간대
field-time-zone-hint = 캘리포니아 밖에 거주하시는 경우 거주하시는 지역의 시간대를 선택해 주십시오.
error-no-channel = 알림 방법을 하나 이상 선택하시고 해당 주소나 번호를 입력해 주십시오.
error-email = 이메일 주소를 입력해 주십시오(예: name@example.com).
error-phone = 메시지를 받을 수 있는 전화번호를 입력해 주십시오(예: (916) 555-0100).
error-hours = 알림 시간의 시작 시각은 종료 시각보다 앞서야 합니다.
error-time-zone = 목록에서 시간대를 선택해 주십시오.
prefs-saved = 설정이 저장되었습니다.
prefs-confirm-new = 새 연락처를 확인하기 위해 인증 코드를 보내 드렸습니다.

## Confirming a contact

confirm-title = 연락처 확인
confirm-intro = 아래의 각 연락처로 6자리 인증 코드를 보내 드렸습니다. 여기에 코드를 입력해 주십시오. 확인이 완료되기 전까지는 해당 연락처로 아무것도 보내지 않습니다.
confirm-code-for = { $contact } 연락처로 보낸 인증 코드
confirm-voice-note = 이 번호로 전화를 걸어 인증 코드를 읽어 드립니다.
confirm-expires = 인증 코드는 15분 동안 유효합니다.
confirm-resend = 새 인증 코드 보내기
confirm-resent = 새 인증 코드를 보내 드렸습니다.
confirm-send-failed = { $contact } 연락처로 인증 코드를 보내지 못했습니다. 연락처를 확인하시거나 나중에 다시 시도해 주십시오.
error-code = 인증 코드가 올바르지 않거나 만료되었습니다. 코드를 확인하시거나 새 코드를 요청해 주십시오.
error-code-format = 6자리 인증 코드를 입력해 주십시오.
confirm-done = 등록이 완료되었습니다. 투표용지의 상태가 바뀌면 알려 드리겠습니다.

## Signing in

signin-title = 로그인
signin-intro = 등록하신 이메일 주소나 전화번호를 입력해 주십시오. 확인된 연락처인 경우 인증 코드를 보내 드립니다.
field-contact = 이메일 주소 또는 전화번호
error-contact = 이메일 주소 또는 전화번호를 입력해 주십시오.
signin-code-title = 인증 코드 입력
signin-code-intro = 이 연락처가 등록 및 확인된 경우 6자리 인증 코드를 보내 드렸습니다. 코드는 15분 동안 유효합니다.
field-code = 인증 코드
signin-button = 로그인
signin-other = 다른 연락처 사용하기
signed-out = 로그아웃되었습니다.
session-expired = 다시 로그인해 주십시오.

## My ballot

ballot-title = 내 투표용지
ballot-voter = { $county } 카운티 { $name } 님의 알림
ballot-none = 아직 귀하의 우편 투표용지 기록이 없습니다. 카운티에서 투표용지를 발송하면 이곳에 표시되며 알려 드립니다.
ballot-election = { $election } ({ $date })
ballot-status = 상태
ballot-timeline = 진행 내역
ballot-past = 지난 선거
ballot-deadline-return = 투표용지는 선거일인 { $date }까지의 소인이 찍히도록 우편으로 보내시거나, 당일 오후 8시까지 투표용지 투입함 또는 투표소에 제출하셔야 합니다.
ballot-deadline-cure = 투표용지가 집계될 수 있도록 { $date }까지 카운티에 연락해 주십시오.
ballot-county-contact = { $county } 카운티 선거 사무소: { $phone }
ballot-county-web = 카운티 웹사이트
event-mailed = 투표용지가 귀하께 발송되었습니다.
event-mailed-again = 새 투표용지가 귀하께 발송되었습니다.
event-inbound = 보내신 투표용지를 우체국에서 배송하고 있습니다.
event-received = 카운티에서 투표용지를 받았습니다.
event-accepted = 투표용지가 접수되었으며 집계될 예정입니다.
event-not-accepted = 투표용지를 집계할 수 없었습니다.
event-contact-county = 투표용지가 집계될 수 있도록 카운티에 연락해 주셔야 합니다.
event-undeliverable = 투표용지를 귀하의 주소로 배달하지 못했습니다.
event-in-person = 직접 투표하셨습니다.
event-other = 투표용지의 상태가 변경되었습니다.
status-none = 아직 발송되지 않음
status-mailed = 발송됨
status-inbound = 카운티로 반송 중
status-received = 카운티에서 받음
status-accepted = 접수됨
status-not-accepted = 접수되지 않음
status-contact-county = 카운티에 연락해 주십시오
status-undeliverable = 배달되지 못함
status-in-person = 직접 투표함

## My choices

preferences-title = 내 설정
preferences-contacts = 알림을 받을 연락처
contact-confirmed = 확인됨
contact-unconfirmed = 아직 확인되지 않음
contact-stopped = 중단됨
contact-unreachable = 이 연락처로 알림을 전달하지 못했습니다
preferences-stop-title = 알림 중단 또는 내 정보 삭제
preferences-stop-intro = 알림 방법 중 하나를 중단하거나, 모든 알림을 중단하거나, 등록과 관련하여 저희가 보관하는 모든 정보를 삭제하실 수 있습니다. 유권자 등록과 투표용지에는 영향이 없습니다.
stop-channel = { $channel } 알림 중단하기
restart-channel = { $channel } 알림 다시 받기
stop-all = 모든 알림 중단하기
delete-title = 내 정보 삭제
delete-intro = 연락처와 설정이 삭제되며, 더 이상 알림을 받지 않게 됩니다. 언제든지 다시 등록하실 수 있습니다.
delete-button = 내 정보 삭제하기
deleted = 정보가 삭제되었습니다. 더 이상 알림이 발송되지 않습니다.
stopped = 해당 연락처로 더 이상 알림이 발송되지 않습니다.
restarted = 해당 연락처로 다시 알림이 발송됩니다.
unsubscribe-title = 알림 중단
unsubscribe-intro = { $contact } 연락처로 발송되는 투표용지 알림을 모두 중단하시겠습니까?
unsubscribe-button = 이 알림 중단하기
added-title = 새 연락처 삭제
added-intro = 이 투표용지 알림에 { $contact }이(가) 방금 추가되었습니다. 직접 추가하지 않으셨다면 삭제하십시오. 삭제하면 더 이상 알림을 받지 않으며, 이 연락처로 로그인한 사람은 로그아웃됩니다.
added-button = 이 연락처 삭제
added-removed = 연락처가 삭제되었습니다. 이 투표용지에 관한 알림을 더 이상 받지 않습니다.
added-invalid = 이 링크는 더 이상 사용할 수 없습니다. 연락처가 이미 삭제 또는 변경되었거나 링크가 30일이 지났습니다. 본인의 연락처를 보려면 로그인하십시오.

## Counties taking part

counties-title = 우리 카운티가 참여합니까?
counties-intro = 참여하는 카운티는 선거 때마다 이 서비스를 통해 투표용지 알림을 발송합니다.
counties-election = { $election } ({ $date })
counties-taking-part = 참여
counties-not-taking-part = 참여하지 않음
counties-none = 현재 예정된 선거가 없습니다.
counties-county = 카운티
counties-status = 투표용지 알림

## Help

help-title = 도움말
help-what-title = 이 서비스는 무엇입니까?
help-what = 주 정부와 카운티에서 우편 투표용지의 상태를 이메일, 문자 메시지 또는 전화로 알려 드립니다. 투표용지가 귀하께 발송되었을 때와 카운티에서 투표용지를 받았을 때, 그리고 투표용지가 집계되었는지를 알려 드립니다.
help-who-title = 누가 등록할 수 있습니까?
help-who = 유권자 등록이 활성 상태인 캘리포니아의 모든 등록 유권자가 등록할 수 있습니다.
help-privacy-title = 개인 정보
help-privacy = 귀하의 연락처는 투표용지에 관한 알림에만 사용되며, 절대 다른 곳과 공유하지 않습니다. 언제든지 알림을 중단하거나 정보를 삭제하실 수 있습니다.
help-stop-title = 알림 중단
help-stop = 문자 메시지에 STOP이라고 회신하시거나, 각 이메일 끝에 있는 링크를 이용하시거나, 로그인하여 "내 설정"을 여십시오.
help-contact-title = 투표용지에 관한 문의
help-contact = 유권자 등록과 투표용지에 관한 질문은 카운티 선거 사무소에서 답변해 드립니다. 국무장관실 유권자 핫라인은 { $phone }번입니다.
too-many-attempts-identity = 이 사람 또는 연락처에 대한 시도 횟수가 너무 많습니다. 15분 후에 다시 시도해 주십시오.
code-held = 조금 전에 { $contact } 연락처로 인증 코드를 보냈습니다. 그 코드를 입력하시거나, 몇 분 기다리신 후 새 코드를 요청해 주십시오.
error-phone-country = 해당 국가의 전화번호로는 문자 메시지나 전화를 보낼 수 없습니다. 미국 전화번호를 입력하시거나 이메일을 선택해 주십시오.
error-channel-taken = 이 방법으로 보내는 메시지는 이미 이 유권자의 다른 연락처로 가고 있습니다. 그 연락처만 이를 변경할 수 있습니다. 그 연락처로 로그인하시거나 카운티 선거 사무소에 전화해 주십시오.
contact-not-yours = 이 연락처로 로그인한 사람만 이를 변경하거나 중지할 수 있습니다.
