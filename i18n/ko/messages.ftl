### Ballot tracking messages, Korean.
###
### See i18n/en/messages.ftl for the meaning of every message and variable.
### Register: 합쇼체. Glossary terms: 우편 투표용지 (vote-by-mail ballot), 카운티 선거
### 사무소 (county elections office), "내 투표용지는 어디에 있나요?" (Where's My
### Ballot?), 서명, 집계됨 / 접수됨, 등록하기.
### Particles never follow a variable directly (a noun such as 카운티, 번, 웹사이트
### sits in between), except after dates, which always end in 일.

## Dates. $month is the month's name from month-1 … month-12.

month-1 = 1월
month-2 = 2월
month-3 = 3월
month-4 = 4월
month-5 = 5월
month-6 = 6월
month-7 = 7월
month-8 = 8월
month-9 = 9월
month-10 = 10월
month-11 = 11월
month-12 = 12월
date-long = { $year }년 { $month } { $day }일

## Message kinds

confirmation =
    .email-subject = { $county } 카운티 투표용지 알림에 등록되었습니다
    .email-body =
        { $county } 카운티 선거 사무소의 "내 투표용지는 어디에 있나요?" 서비스에 등록해 주셔서 감사합니다.

        우편 투표용지가 발송될 때, 저희가 투표용지를 받았을 때, 그리고 투표용지가 집계되었을 때 알려 드리겠습니다. 투표용지에 문제가 있는 경우에는 해결 방법을 안내해 드리겠습니다.

        문의 사항이 있으시면 { $county_phone }번으로 전화하시거나 { $county_web } 웹사이트를 방문하십시오.
    .sms = { $county } 카운티: 투표용지 알림에 등록되었습니다. 도움이 필요하시면 HELP, 수신을 중단하시려면 STOP을 회신하십시오.
    .voice = 안녕하십니까. { $county } 카운티 선거 사무소입니다. 우편 투표용지 알림에 등록되셨습니다. 투표용지가 발송될 때, 저희가 받았을 때, 그리고 집계되었을 때 전화로 알려 드리겠습니다. 감사합니다.

# $expected_from, $expected_to: the dates the ballot should arrive between.
outbound =
    .email-subject = { $election_date } 선거 투표용지가 발송되었습니다
    .email-body =
        { $county } 카운티 선거 사무소에서 { $election_date } 선거의 우편 투표용지를 귀하께 발송했습니다.

        투표용지는 { $expected_from }에서 { $expected_to } 사이에 도착할 예정입니다.

        그때까지 도착하지 않으면 { $county_phone }번으로 전화하시거나 { $county_web } 웹사이트를 방문하십시오.
    .sms = { $county } 카운티: { $election_date } 선거 투표용지가 발송되었습니다. { $expected_from }~{ $expected_to } 도착 예정입니다.
    .voice = 안녕하십니까. { $county } 카운티 선거 사무소입니다. { $election_date } 선거의 우편 투표용지가 귀하께 발송되었습니다. 투표용지는 { $expected_from }에서 { $expected_to } 사이에 도착할 예정입니다. 그때까지 도착하지 않으면 { $county_phone }번으로 전화해 주십시오.

inbound =
    .email-subject = 투표용지가 { $county } 카운티로 배송되고 있습니다
    .email-body =
        귀하께서 보내신 우편 투표용지를 우체국에서 { $county } 카운티 선거 사무소로 배송하고 있습니다.

        투표용지를 받으면 알려 드리겠습니다.
    .sms = { $county } 카운티: 보내신 투표용지를 우체국에서 저희 사무소로 배송하고 있습니다. 받으면 알려 드리겠습니다.
    .voice = 안녕하십니까. { $county } 카운티 선거 사무소입니다. 귀하께서 보내신 우편 투표용지를 우체국에서 저희 사무소로 배송하고 있습니다. 투표용지를 받으면 알려 드리겠습니다.

received =
    .email-subject = { $county } 카운티에서 투표용지를 받았습니다
    .email-body =
        { $county } 카운티 선거 사무소에서 { $election_date } 선거의 우편 투표용지를 받았습니다.

        현재 서명을 확인하고 있습니다. 투표용지가 집계되면 알려 드리겠습니다.
    .sms = { $county } 카운티: { $election_date } 선거 투표용지를 받았습니다. 집계되면 알려 드리겠습니다.
    .voice = 안녕하십니까. { $county } 카운티 선거 사무소입니다. { $election_date } 선거의 우편 투표용지를 받았습니다. 투표용지가 집계되면 알려 드리겠습니다.

accepted =
    .email-subject = 투표용지가 집계되었습니다
    .email-body =
        { $election_date } 선거의 우편 투표용지가 { $county } 카운티 선거 사무소에서 접수되어 집계되었습니다.

        투표해 주셔서 감사합니다.
    .sms = { $county } 카운티: { $election_date } 선거 투표용지가 집계되었습니다. 투표해 주셔서 감사합니다!
    .voice = 안녕하십니까. { $county } 카운티 선거 사무소입니다. { $election_date } 선거의 우편 투표용지가 접수되어 집계되었습니다. 투표해 주셔서 감사합니다.

# $reason: why, from one of the reason-* messages below.
not-accepted =
    .email-subject = 투표용지를 집계할 수 없었습니다
    .email-body =
        { $county } 카운티 선거 사무소에서 { $election_date } 선거의 우편 투표용지를 집계할 수 없었습니다.

        사유: { $reason }

        자세한 내용은 { $county_phone }번으로 전화하시거나 { $county_web } 웹사이트를 방문하십시오.
    .sms = { $county } 카운티: { $election_date } 선거 투표용지를 집계할 수 없었습니다. 사유: { $reason } 문의: { $county_phone }
    .voice = 안녕하십니까. { $county } 카운티 선거 사무소입니다. { $election_date } 선거의 우편 투표용지를 집계할 수 없었습니다. 사유는 다음과 같습니다. { $reason } 자세한 내용은 { $county_phone }번으로 전화해 주십시오.

# $reason: what is wrong; $cure_deadline: the last day to fix it.
contact-county =
    .email-subject = 조치 필요: { $county } 카운티에 연락하셔야 투표용지가 집계됩니다
    .email-body =
        { $election_date } 선거의 우편 투표용지에 문제가 있습니다. { $reason }

        문제를 해결하셔야 투표용지가 집계됩니다. { $cure_deadline }까지 { $county } 카운티 선거 사무소에 연락하십시오. { $county_phone }번으로 전화하시거나 { $county_web } 웹사이트를 방문하여 서명 후 제출하셔야 할 양식을 받으십시오.
    .sms = { $county } 카운티: 투표용지를 아직 집계할 수 없습니다. { $reason } { $cure_deadline }까지 { $county_phone }번으로 연락하십시오.
    .voice = 안녕하십니까. { $county } 카운티 선거 사무소입니다. 우편 투표용지에 문제가 있어, 문제를 해결하시기 전까지는 투표용지가 집계되지 않습니다. { $reason } { $cure_deadline }까지 { $county_phone }번으로 전화해 주십시오.

undeliverable =
    .email-subject = 투표용지가 배달되지 못했습니다
    .email-body =
        { $county } 카운티 선거 사무소에서 { $election_date } 선거를 위해 귀하께 발송한 우편 투표용지를 우체국에서 배달하지 못했습니다.

        주소가 정확한지 확인해 주십시오. 새 투표용지를 받으시거나 직접 투표할 수 있는 장소를 확인하시려면 { $county_phone }번으로 전화하시거나 { $county_web } 웹사이트를 방문하십시오.
    .sms = { $county } 카운티: { $election_date } 선거 투표용지가 배달되지 못했습니다. 새 투표용지는 { $county_phone }번으로 문의하십시오.
    .voice = 안녕하십니까. { $county } 카운티 선거 사무소입니다. { $election_date } 선거의 우편 투표용지를 우체국에서 배달하지 못했습니다. 새 투표용지를 받으시려면 { $county_phone }번으로 전화해 주십시오.

# $expected_from, $expected_to: the dates the new ballot should arrive between.
reissued =
    .email-subject = 새 투표용지가 발송되었습니다
    .email-body =
        { $county } 카운티 선거 사무소에서 { $election_date } 선거의 새 우편 투표용지를 귀하께 발송했습니다. 이 새 투표용지만 집계되므로, 이전 투표용지는 보내지 마십시오.

        새 투표용지는 { $expected_from }에서 { $expected_to } 사이에 도착할 예정입니다.
    .sms = { $county } 카운티: { $election_date } 선거의 새 투표용지가 발송되었습니다. 새 투표용지만 사용하십시오. { $expected_from }~{ $expected_to } 도착 예정입니다.
    .voice = 안녕하십니까. { $county } 카운티 선거 사무소입니다. { $election_date } 선거의 새 우편 투표용지가 귀하께 발송되었습니다. 새 투표용지만 사용해 주십시오. 새 투표용지는 { $expected_from }에서 { $expected_to } 사이에 도착할 예정입니다.

in-person =
    .email-subject = 직접 투표하신 것으로 확인되었습니다
    .email-body =
        기록에 따르면 귀하께서는 { $election_date } 선거에서 직접 투표하셨습니다.

        투표해 주셔서 감사합니다. 우편 투표용지는 보내지 않으셔도 됩니다.
    .sms = { $county } 카운티: 기록에 따르면 { $election_date } 선거에서 직접 투표하셨습니다. 투표해 주셔서 감사합니다!
    .voice = 안녕하십니까. { $county } 카운티 선거 사무소입니다. 기록에 따르면 귀하께서는 { $election_date } 선거에서 직접 투표하셨습니다. 투표해 주셔서 감사합니다.

# $days: days left until election day.
return-reminder =
    .email-subject = 알림: { $election_date }까지 투표용지를 보내 주십시오
    .email-body =
        { $election_date } 선거의 우편 투표용지를 아직 받지 못했습니다. { $days ->
           *[other] 선거일까지 { $days }일 남았습니다.
        }

        { $election_date }까지의 소인이 찍히도록 우편으로 보내시거나, 당일 오후 8시까지 투표용지 투입함 또는 투표 센터에 제출하십시오. 문의 사항이 있으시면 { $county_phone }번으로 전화하시거나 { $county_web } 웹사이트를 방문하십시오.
    .sms = { $county } 카운티: 투표용지를 아직 받지 못했습니다. { $election_date }까지 우편으로 보내시거나 당일 오후 8시까지 투입함에 넣으십시오.
    .voice = 안녕하십니까. { $county } 카운티 선거 사무소입니다. 우편 투표용지를 아직 받지 못했습니다. { $election_date }까지 우편으로 보내시거나, 선거일 오후 여덟 시까지 투표용지 투입함 또는 투표 센터에 제출해 주십시오.

# $reason: what is wrong; $cure_deadline: the last day to fix it; $days: days left.
cure-reminder =
    .email-subject = 알림: { $cure_deadline }까지 투표용지 문제를 해결하십시오
    .email-body =
        { $election_date } 선거의 우편 투표용지를 아직 집계할 수 없습니다. { $reason }

        { $days ->
           *[other] 해결 기한까지 { $days }일 남았습니다.
        } { $cure_deadline }까지 { $county } 카운티 선거 사무소에 연락하십시오. { $county_phone }번으로 전화하시거나 { $county_web } 웹사이트를 방문하십시오.
    .sms = { $county } 카운티: 투표용지를 아직 집계할 수 없습니다. { $cure_deadline }까지 { $county_phone }번으로 연락하십시오.
    .voice = 안녕하십니까. { $county } 카운티 선거 사무소입니다. 우편 투표용지를 아직 집계할 수 없습니다. 투표가 집계될 수 있도록 { $cure_deadline }까지 { $county_phone }번으로 전화해 주십시오.

## Reasons a ballot was not counted or needs a fix, by status code.

reason-vav = 이번 선거에서 이미 투표하셨습니다.
reason-bme = 봉투에 투표용지가 들어 있지 않았습니다.
reason-vdd = 기록상 해당 유권자는 사망한 것으로 되어 있습니다.
reason-mia = 봉투의 주소가 누락되었거나 잘못되었습니다.
reason-mre = 봉투에 투표용지가 두 장 이상 들어 있었습니다.
reason-not = 투표용지가 기한이 지나서 도착했습니다.
reason-oth = 투표용지에서 여러 가지 문제가 발견되었습니다.
reason-cld = 해당 투표용지는 취소되었습니다.
reason-nvs = 봉투에 서명이 없었습니다.
reason-nms = 봉투의 서명이 기록된 서명과 일치하지 않습니다.
reason-inf = 선거 사무소에 추가 정보를 제공해 주셔야 합니다.
reason-nid = 처음 투표하는 유권자에게 요구되는 신분 확인 자료가 제출되지 않았습니다.

## Parts around every message

# $unsubscribe_url: a link that stops these emails in one click.
email-footer = 이 이메일은 귀하께서 { $county } 카운티 투표용지 알림에 등록하셨기 때문에 발송되었습니다. 수신을 중단하시려면 다음 링크를 방문하십시오: { $unsubscribe_url }
email-unsubscribe-link = 이메일 수신 중단
sms-help = { $county } 카운티 투표용지 알림. 문의: { $county_phone }. 수신을 중단하시려면 STOP, 다시 받으시려면 START를 회신하십시오.
sms-stopped = { $county } 카운티: 더 이상 투표용지 문자가 발송되지 않습니다. 다시 받으시려면 START를 회신하십시오.
sms-started = { $county } 카운티: 투표용지 문자 수신이 재개되었습니다. 중단하시려면 STOP을 회신하십시오.
voice-goodbye = 감사합니다. 안녕히 계십시오.

## One-time codes (confirming a contact, signing in)

# $code: the 6-digit code; $code_spoken: its digits one by one, for voice.
code =
    .email-subject = "내 투표용지는 어디에 있나요?" 인증 코드: { $code }
    .email-body =
        귀하의 인증 코드는 다음과 같습니다: { $code }

        이 이메일 주소를 확인하시거나 로그인하시려면 "내 투표용지는 어디에 있나요?" 페이지에 이 코드를 입력해 주십시오. 코드는 15분 동안 유효합니다.

        이 코드를 요청하지 않으셨다면 이 이메일은 무시하셔도 됩니다.
    .sms = "내 투표용지는 어디에 있나요?" 인증 코드: { $code }. 15분간 유효합니다. 요청하지 않으셨다면 무시하십시오.
    .voice = 안녕하십니까. 캘리포니아 투표용지 추적 서비스, "내 투표용지는 어디에 있나요?"에서 알려 드립니다. 인증 코드를 불러 드리겠습니다. { $code_spoken }. 다시 한 번 불러 드리겠습니다. { $code_spoken }. 감사합니다. 안녕히 계십시오.

# Sent to each confirmed contact when another contact joins the sign-up.
contact-added =
    .email-subject = "내 투표용지는 어디에 있나요?" 알림에 새 연락처가 추가되었습니다
    .email-body =
        귀하의 투표용지에 관한 "내 투표용지는 어디에 있나요?" 알림에 { $added ->
            [email] 이메일 주소 { $contact }
            [sms] 전화번호 { $contact }(문자 메시지)
           *[voice] 전화번호 { $contact }(전화)
        }이(가) 방금 추가되었습니다.

        직접 추가하셨다면 아무것도 하지 않으셔도 됩니다. 추가하지 않으셨다면 여기에서 삭제하세요: { $remove_url }
    .sms = "내 투표용지는 어디에 있나요?": 알림에 { $contact }이(가) 추가되었습니다. 본인이 아니면 삭제: { $remove_url }
    .voice =
        안녕하세요. 캘리포니아 투표용지 추적 서비스 "내 투표용지는 어디에 있나요?"입니다. 귀하의 투표용지 알림에 새 { $added ->
            [email] 이메일 주소
           *[other] 전화번호
        }가 방금 추가되었습니다. 직접 추가하지 않으셨다면 거주하시는 카운티 선거 사무소에 전화해 주십시오. 감사합니다.

# In every email, after the message: the voter's own link to their ballot and choices.
email-manage = 투표용지를 확인하시거나 설정을 변경하시려면 다음 링크를 방문하십시오: { $manage_url }

## Contact County after the cure deadline.
contact-county-passed =
    .email-subject = 투표용지에 문제가 있습니다: { $county } 카운티에 연락하십시오
    .email-body =
        { $election_date } 선거의 우편 투표용지에 문제가 있습니다. { $reason }

        문제 해결 기한이 지났습니다. 지금 하실 수 있는 조치를 알아보시려면 { $county } 카운티 선거 사무소에 { $county_phone }번으로 전화하시거나 { $county_web } 웹사이트를 방문하십시오.
    .sms = { $county } 카운티: 투표용지에 문제가 있습니다. { $reason } 문제 해결 기한이 지났습니다. { $county_phone }번으로 연락하십시오.
    .voice = 안녕하십니까. { $county } 카운티 선거 사무소입니다. 우편 투표용지에 문제가 있습니다. { $reason } 문제 해결 기한이 지났습니다. { $county_phone }번으로 전화해 주십시오.

reasons-more = 그 외 { $count }건의 문제가 있습니다.

## Replies to a number no subscription uses.
sms-help-state = 캘리포니아주 투표용지 추적 서비스("내 투표용지는 어디에 있나요?"). 문의: { $county_phone }. 수신을 중단하시려면 STOP, 다시 받으시려면 START를 회신하십시오.
sms-stopped-state = 캘리포니아주 투표용지 추적 서비스: 더 이상 투표용지 문자가 발송되지 않습니다. 다시 받으시려면 START를 회신하십시오.
sms-started-state = 캘리포니아주 투표용지 추적 서비스: 투표용지 문자 수신이 재개되었습니다. 중단하시려면 STOP을 회신하십시오.
