### Ballot tracking messages, Traditional Chinese (zh-Hant).
###
### See i18n/en/messages.ftl for the meaning of every message and variable.
### Glossary terms: 郵寄選票 (vote-by-mail ballot), 縣選舉辦公室 (county elections
### office), 「我的選票在哪裡？」 (Where's My Ballot?), 簽名, 已計票 / 已接受, 登記.

## Dates. $month is the month's name from month-1 … month-12.

month-1 = 1月
month-2 = 2月
month-3 = 3月
month-4 = 4月
month-5 = 5月
month-6 = 6月
month-7 = 7月
month-8 = 8月
month-9 = 9月
month-10 = 10月
month-11 = 11月
month-12 = 12月
date-long = { $year }年{ $month }{ $day }日

## Message kinds

confirmation =
    .email-subject = 您已登記接收 { $county } 縣的選票狀態通知
    .email-body =
        感謝您透過 { $county } 縣選舉辦公室登記使用「我的選票在哪裡？」服務。

        您的郵寄選票寄出時、我們收到選票時，以及選票計票完成時，我們都會通知您。如果您的選票有問題，我們會告訴您如何補正。

        如有疑問，請致電 { $county_phone } 或瀏覽 { $county_web } 查詢。
    .sms = { $county } 縣：您已登記接收選票狀態通知。回覆 HELP 取得協助，回覆 STOP 停止接收。
    .voice = 您好，這裡是 { $county } 縣選舉辦公室。您已成功登記接收郵寄選票的狀態通知。您的選票寄出、我們收到選票，以及選票計票完成時，我們都會打電話通知您。謝謝。

# $expected_from, $expected_to: the dates the ballot should arrive between.
outbound =
    .email-subject = 您{ $election_date }選舉的選票已經寄出
    .email-body =
        { $county } 縣選舉辦公室已寄出您{ $election_date }選舉的郵寄選票。

        選票預計於{ $expected_from }至{ $expected_to }之間送達。

        如果屆時仍未收到，請致電 { $county_phone } 或瀏覽 { $county_web } 查詢。
    .sms = { $county } 縣：您{ $election_date }選舉的選票已經寄出，預計於{ $expected_from }至{ $expected_to }之間送達。
    .voice = 您好，這裡是 { $county } 縣選舉辦公室。您{ $election_date }選舉的郵寄選票已經寄出，預計於{ $expected_from }至{ $expected_to }之間送達。如果屆時仍未收到，請致電 { $county_phone }。

inbound =
    .email-subject = 您的選票正在寄回 { $county } 縣的途中
    .email-body =
        美國郵政署已收到您寄回的郵寄選票，正在送往 { $county } 縣選舉辦公室。

        我們收到選票後會通知您。
    .sms = { $county } 縣：美國郵政署已收到您寄回的選票，正在送往本辦公室。我們收到後會通知您。
    .voice = 您好，這裡是 { $county } 縣選舉辦公室。美國郵政署已收到您寄回的郵寄選票，正在送往本辦公室。我們收到選票後會通知您。

received =
    .email-subject = { $county } 縣已收到您的選票
    .email-body =
        { $county } 縣選舉辦公室已收到您{ $election_date }選舉的郵寄選票。

        我們正在核對您的簽名。您的選票計票完成後，我們會通知您。
    .sms = { $county } 縣：我們已收到您{ $election_date }選舉的選票，計票完成後會通知您。
    .voice = 您好，這裡是 { $county } 縣選舉辦公室。我們已收到您{ $election_date }選舉的郵寄選票。計票完成後，我們會通知您。

accepted =
    .email-subject = 您的選票已計票
    .email-body =
        您{ $election_date }選舉的郵寄選票已獲 { $county } 縣選舉辦公室接受並計票。

        感謝您參與投票。
    .sms = { $county } 縣：您{ $election_date }選舉的選票已計票。感謝您參與投票！
    .voice = 您好，這裡是 { $county } 縣選舉辦公室。您{ $election_date }選舉的郵寄選票已被接受並計票。感謝您參與投票。

# $reason: why, from one of the reason-* messages below.
not-accepted =
    .email-subject = 您的選票無法計票
    .email-body =
        很抱歉，{ $county } 縣選舉辦公室無法將您{ $election_date }選舉的郵寄選票計票。

        原因：{ $reason }

        如需詳細資訊，請致電 { $county_phone } 或瀏覽 { $county_web } 查詢。
    .sms = { $county } 縣：您{ $election_date }選舉的選票無法計票。原因：{ $reason }請致電 { $county_phone }。
    .voice = 您好，這裡是 { $county } 縣選舉辦公室。很抱歉，您{ $election_date }選舉的郵寄選票無法計票。原因是：{ $reason }如需詳細資訊，請致電 { $county_phone }。

# $reason: what is wrong; $cure_deadline: the last day to fix it.
contact-county =
    .email-subject = 需要您採取行動：請聯絡 { $county } 縣，否則您的選票將不會計票
    .email-body =
        您{ $election_date }選舉的郵寄選票有問題：{ $reason }

        在您補正之前，您的選票將不會計票。請於{ $cure_deadline }前聯絡 { $county } 縣選舉辦公室：請致電 { $county_phone } 或瀏覽 { $county_web }，索取您需要簽名並寄回的表格。
    .sms = { $county } 縣：您的選票目前尚無法計票。{ $reason }請於{ $cure_deadline }前致電 { $county_phone } 補正。
    .voice = 您好，這裡是 { $county } 縣選舉辦公室。您的郵寄選票有問題，在您補正之前將不會計票。{ $reason }請於{ $cure_deadline }前致電 { $county_phone } 與我們聯絡。

undeliverable =
    .email-subject = 您的選票無法投遞
    .email-body =
        { $county } 縣選舉辦公室寄給您的{ $election_date }選舉郵寄選票，美國郵政署無法投遞。

        請確認您的地址是否正確。如需索取新的選票或查詢親自投票的地點，請致電 { $county_phone } 或瀏覽 { $county_web } 查詢。
    .sms = { $county } 縣：您{ $election_date }選舉的選票無法投遞。請致電 { $county_phone } 索取新選票。
    .voice = 您好，這裡是 { $county } 縣選舉辦公室。美國郵政署無法投遞您{ $election_date }選舉的郵寄選票。請致電 { $county_phone } 與我們聯絡，以索取新的選票。

# $expected_from, $expected_to: the dates the new ballot should arrive between.
reissued =
    .email-subject = 新的選票已寄給您
    .email-body =
        { $county } 縣選舉辦公室已寄給您一份{ $election_date }選舉的新郵寄選票。只有這份新選票會計票；請勿寄回舊選票。

        新選票預計於{ $expected_from }至{ $expected_to }之間送達。
    .sms = { $county } 縣：您{ $election_date }選舉的新選票已經寄出，請只使用新選票。預計於{ $expected_from }至{ $expected_to }之間送達。
    .voice = 您好，這裡是 { $county } 縣選舉辦公室。我們已寄給您一份{ $election_date }選舉的新郵寄選票。請只使用這份新選票。新選票預計於{ $expected_from }至{ $expected_to }之間送達。

in-person =
    .email-subject = 您已親自投票
    .email-body =
        我們的記錄顯示，您已在{ $election_date }選舉中親自投票。

        感謝您參與投票。您不需要寄回郵寄選票。
    .sms = { $county } 縣：我們的記錄顯示，您已在{ $election_date }選舉中親自投票。感謝您參與投票！
    .voice = 您好，這裡是 { $county } 縣選舉辦公室。我們的記錄顯示，您已在{ $election_date }選舉中親自投票。感謝您參與投票。

# $days: days left until election day.
return-reminder =
    .email-subject = 提醒：請於{ $election_date }前寄回您的選票
    .email-body =
        我們尚未收到您{ $election_date }選舉的郵寄選票。{ $days ->
           *[other] 距離選舉日還有 { $days } 天。
        }

        請以郵寄方式寄回，郵戳日期不得晚於{ $election_date }；或於當天晚上 8 點前，將選票投入選票投遞箱或送至投票中心。如有疑問，請致電 { $county_phone } 或瀏覽 { $county_web } 查詢。
    .sms = { $county } 縣：我們尚未收到您的選票。請於{ $election_date }前寄出，或於當天晚上 8 點前投入選票投遞箱。
    .voice = 您好，這裡是 { $county } 縣選舉辦公室。我們尚未收到您的郵寄選票。請於{ $election_date }前寄出，或在選舉日晚上八點前，將選票投入選票投遞箱或送至投票中心。

# $reason: what is wrong; $cure_deadline: the last day to fix it; $days: days left.
cure-reminder =
    .email-subject = 提醒：請於{ $cure_deadline }前補正您的選票
    .email-body =
        您{ $election_date }選舉的郵寄選票目前仍無法計票：{ $reason }

        { $days ->
           *[other] 距離補正截止日還有 { $days } 天。
        }請於{ $cure_deadline }前聯絡 { $county } 縣選舉辦公室：請致電 { $county_phone } 或瀏覽 { $county_web } 查詢。
    .sms = { $county } 縣：您的選票目前仍無法計票。請於{ $cure_deadline }前致電 { $county_phone } 補正。
    .voice = 您好，這裡是 { $county } 縣選舉辦公室。您的郵寄選票目前仍無法計票。請於{ $cure_deadline }前致電 { $county_phone } 與我們聯絡，讓您的選票能夠計入。

## Reasons a ballot was not counted or needs a fix, by status code.

reason-vav = 您已在本次選舉中投票。
reason-bme = 信封內沒有選票。
reason-vdd = 根據我們的記錄，該選民已經過世。
reason-mia = 信封上的地址缺漏或有誤。
reason-mre = 信封內有一張以上的選票。
reason-not = 選票送達時已逾期限。
reason-oth = 選票有多項問題。
reason-cld = 該選票已被註銷。
reason-nvs = 信封上沒有簽名。
reason-nms = 信封上的簽名與記錄中的簽名不符。
reason-inf = 選舉辦公室需要您提供更多資料。
reason-nid = 您未提供首次投票選民必須出示的身分證明。

## Parts around every message

# $unsubscribe_url: a link that stops these emails in one click.
email-footer = 您收到這些電子郵件，是因為您已登記接收 { $county } 縣的選票狀態通知。如要停止接收，請前往：{ $unsubscribe_url }
email-unsubscribe-link = 停止接收這些電子郵件
sms-help = { $county } 縣選票狀態通知。如有疑問，請致電 { $county_phone }。回覆 STOP 停止接收，回覆 START 重新接收。
sms-stopped = { $county } 縣：您將不會再收到選票簡訊。回覆 START 即可重新接收。
sms-started = { $county } 縣：您將重新收到選票簡訊。回覆 STOP 即可停止接收。
voice-goodbye = 謝謝，再見。

## One-time codes (confirming a contact, signing in)

# $code: the 6-digit code; $code_spoken: its digits one by one, for voice.
code =
    .email-subject = 您的「我的選票在哪裡？」驗證碼：{ $code }
    .email-body =
        您的驗證碼是 { $code }。請在「我的選票在哪裡？」網頁上輸入此驗證碼，以確認此電子郵件地址或登入。驗證碼的有效時間為 15 分鐘。

        如果您沒有要求此驗證碼，請忽略這封電子郵件。
    .sms = 「我的選票在哪裡？」驗證碼：{ $code }。15 分鐘內有效。如果您沒有要求此驗證碼，請忽略本訊息。
    .voice = 您好，這裡是加州選票追蹤服務「我的選票在哪裡？」。您的驗證碼是：{ $code_spoken }。再重複一次，您的驗證碼是：{ $code_spoken }。再見。

# Sent to each confirmed contact when another contact joins the sign-up.
contact-added =
    .email-subject = 您的「我的選票在哪裡？」通知新增了一個聯絡方式
    .email-body =
        您選票的「我的選票在哪裡？」通知剛剛新增了{ $added ->
            [email] 電子郵件地址 { $contact }
            [sms] 電話號碼 { $contact }（簡訊）
           *[voice] 電話號碼 { $contact }（電話）
        }。

        如果是您自己新增的，您無須採取任何行動。如果不是您，請在此刪除：{ $remove_url }
    .sms = 「我的選票在哪裡？」：您的通知新增了 { $contact }。不是您？刪除：{ $remove_url }
    .voice =
        您好。這裡是加州選票追蹤服務「我的選票在哪裡？」。您選票的通知剛剛新增了一個{ $added ->
            [email] 電子郵件地址
           *[other] 電話號碼
        }。如果不是您新增的，請致電您所在縣的選舉辦公室。再見。

# In every email, after the message: the voter's own link to their ballot and choices.
email-manage = 查看您的選票及變更您的設定：{ $manage_url }

## Contact County after the cure deadline.
contact-county-passed =
    .email-subject = 您的選票有問題：請聯絡 { $county } 縣
    .email-body =
        您{ $election_date }選舉的郵寄選票有問題：{ $reason }

        補正期限已過。請致電 { $county_phone } 或瀏覽 { $county_web }，聯絡 { $county } 縣選舉辦公室，了解您仍可採取的做法。
    .sms = { $county } 縣：您的選票有問題。{ $reason }補正期限已過。請致電 { $county_phone }。
    .voice = 您好，這裡是 { $county } 縣選舉辦公室。您的郵寄選票有問題。{ $reason }補正期限已過。請致電 { $county_phone } 與我們聯絡。

reasons-more = 另有 { $count } 項問題。

## Replies to a number no subscription uses.
sms-help-state = 加州選票追蹤服務（「我的選票在哪裡？」）。如有疑問，請致電 { $county_phone }。回覆 STOP 停止接收，回覆 START 重新接收。
sms-stopped-state = 加州選票追蹤服務：您將不會再收到選票簡訊。回覆 START 即可重新接收。
sms-started-state = 加州選票追蹤服務：您將重新收到選票簡訊。回覆 STOP 即可停止接收。
