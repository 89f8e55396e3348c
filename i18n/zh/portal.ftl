# The voter pages ("Where's My Ballot?"), Traditional Chinese (zh-Hant).
# See i18n/en/portal.ftl for the meaning of every message and variable.
# Placeholders in { $braces } are filled in by the service; keep them as they are.
# County names and election names stay as written (in English).
# Glossary terms: 郵寄選票 (vote-by-mail ballot), 縣選舉辦公室 (county elections
# office), 我的選票在哪裡？ (Where's My Ballot?), 簽名, 已計票 / 已接受, 登記.

## Every page

site-name = 我的選票在哪裡？
skip-link = 跳至主要內容
nav-label = 主選單
nav-home = 首頁
nav-sign-up = 登記
nav-sign-in = 登入
nav-my-ballot = 我的選票
nav-preferences = 我的設定
nav-counties = 參與的縣
nav-help = 說明
nav-sign-out = 登出
language-label = 語言
language-change = 變更語言
footer-text = 本服務由加州州務卿及您所在的縣選舉辦公室提供。我們絕不會要求您提供社會安全號碼、駕照號碼或任何付款。
error-summary-title = 出現問題
error-prefix = 錯誤：
button-continue = 繼續
button-save = 儲存
button-back = 返回
form-expired = 此網頁開啟的時間過長，或已重複送出。請重新填寫。
too-many-attempts = 從此處嘗試的次數過多。請等候 15 分鐘後再試一次。
not-found-title = 找不到網頁
not-found-text = 此網頁不存在。請檢查網址，或前往首頁。
server-error-title = 發生錯誤
server-error-text = 我們無法完成您的要求。請於幾分鐘後再試一次。

## Home

home-title = 追蹤您的郵寄選票
home-intro = 登記後，在您所在的縣寄出您的郵寄選票時、縣政府收到選票時，以及選票計票完成時，我們都會以電子郵件、簡訊或電話通知您。通知會以您的語言傳送，而且只在您選擇的時段內傳送。
home-how-title = 使用方式
home-step-identify = 告訴我們您的身分：請提供與您選民登記資料相同的姓名、出生日期和 ZIP 郵遞區號。
home-step-choose = 選擇我們通知您的方式和時間，並以驗證碼確認您的電子郵件地址或電話號碼。
home-step-follow = 每當您的選票狀態有所變動，我們都會通知您，直到選票計票完成為止。
home-sign-up = 登記
home-sign-in-text = 已經登記了嗎？
home-sign-in = 登入查看您的選票

## Sign-up: who you are

signup-title = 登記
signup-intro = 請完全依照您選民登記上的資料填寫。所有欄位均為必填。
field-first-name = 名字
field-last-name = 姓氏
field-dob = 出生日期
field-dob-hint = MM-DD-YYYY（月-日-年），例如 07-04-1980
field-zip = ZIP 郵遞區號
field-zip-hint = 您在加州的住家地址的 ZIP 郵遞區號
error-first-name-missing = 請輸入您的名字。
error-last-name-missing = 請輸入您的姓氏。
error-name-too-long = 姓名最多只能有 100 個字元。
error-dob-missing = 請輸入您的出生日期。
error-dob-format = 請依照月、日、年的順序輸入您的出生日期：MM-DD-YYYY，例如 07-04-1980。
error-dob-invalid = 此日期不存在。請檢查月份和日期：MM-DD-YYYY。
error-zip-format = 請輸入 5 位數的 ZIP 郵遞區號，例如 95814。

## Sign-up: more than one voter matches

voter-id-title = 還需要一項資料
voter-id-intro = 有一位以上的選民符合這些資料。請輸入您的 VoteCal 選民編號，以便我們找到正確的選民。您可以透過州政府的選民登記狀態查詢服務找到此編號。
field-voter-id = VoteCal 選民編號
field-voter-id-hint = 由英文字母和數字組成，與選民登記狀態查詢服務顯示的相同
error-voter-id-format = 請輸入僅由英文字母和數字組成的選民編號。

## Sign-up: no match

no-match-title = 我們無法以這些資料為您辦理登記
no-match-intro = 我們找不到可以用這些資料辦理登記的選民登記記錄。常見的原因如下：
no-match-cause-typo = 您辦理選民登記時，姓名或出生日期的寫法不同：例如使用了暱稱、中間名或連字號，缺少重音符號，或有打字錯誤。
no-match-cause-recent = 您最近才辦理選民登記或變更登記資料，而變更的資料尚未傳送給我們。請於幾天後再試一次。
no-match-cause-status = 您的選民登記目前並非有效狀態。
no-match-cause-overseas = 您居住在美國境外，並輸入了海外地址的郵遞區號。請改為輸入您在加州最後一個住家地址的 ZIP 郵遞區號。
no-match-cause-format = 出生日期並非依照月、日、年（MM-DD-YYYY）的順序填寫。
no-match-lookup = 查詢您的選民登記
no-match-lookup-text = 州務卿的選民登記狀態查詢服務會顯示州政府所記錄的您的選民登記資料。
no-match-county = 您所在的縣選舉辦公室也可以協助您。
no-match-county-link = 尋找您所在的縣選舉辦公室
no-match-again = 再試一次

## Sign-up and "My choices": how and when

prefs-title = 通知方式和時間
prefs-intro = 您可以選擇一種或多種通知方式。在傳送任何通知之前，我們會先以驗證碼確認每個電子郵件地址和電話號碼。
prefs-language = 通知使用的語言
prefs-channels = 我們應如何通知您？
channel-email = 電子郵件
channel-sms = 簡訊
channel-voice = 電話
field-email = 電子郵件地址
field-sms = 接收簡訊的手機號碼
field-voice = 接聽電話通知的電話號碼
field-phone-hint = 例如 (916) 555-0100。美國境外的號碼請以 + 和國碼開頭。
prefs-hours = 您的通知時段
prefs-hours-hint = 我們不會在這些時段以外傳送任何通知：通知會等到您的時段開始後才傳送。
field-hours-from = 開始時間
field-hours-to = 結束時間
field-time-zone = 時區
field-time-zone-hint = 如果您居住在加州以外，請選擇您居住地的時區。
error-no-channel = 請至少選擇一種通知方式，並輸入對應的電子郵件地址或電話號碼。
error-email = 請輸入電子郵件地址，例如 name@example.com。
error-phone = 請輸入可以接收通知的電話號碼，例如 (916) 555-0100。
error-hours = 通知時段的開始時間必須早於結束時間。
error-time-zone = 請從清單中選擇時區。
prefs-saved = 您的設定已儲存。
prefs-confirm-new = 我們已傳送驗證碼，以確認新的聯絡方式。

## Confirming a contact

confirm-title = 確認您的聯絡方式
confirm-intro = 我們已傳送一組 6 位數驗證碼至下列每個聯絡方式。請在此輸入驗證碼。在聯絡方式確認之前，我們不會向其傳送任何通知。
confirm-code-for = 已傳送至 { $contact } 的驗證碼
confirm-voice-note = 我們正在撥打此號碼，為您唸出驗證碼。
confirm-expires = 驗證碼的有效時間為 15 分鐘。
confirm-resend = 傳送新的驗證碼
confirm-resent = 我們已傳送新的驗證碼。
confirm-send-failed = 我們無法傳送驗證碼至 { $contact }。請檢查是否正確，或稍後再試一次。
error-code = 此驗證碼不正確或已過期。請再檢查一次，或索取新的驗證碼。
error-code-format = 請輸入 6 位數的驗證碼。
confirm-done = 您已完成登記。您的選票狀態有所變動時，我們會通知您。

## Signing in

signin-title = 登入
signin-intro = 請輸入您登記時使用的電子郵件地址或電話號碼。如果該聯絡方式已確認，我們會傳送驗證碼給您。
field-contact = 電子郵件地址或電話號碼
error-contact = 請輸入電子郵件地址或電話號碼。
signin-code-title = 輸入您的驗證碼
signin-code-intro = 如果此聯絡方式已登記並確認，我們已向其傳送一組 6 位數驗證碼。驗證碼的有效時間為 15 分鐘。
field-code = 驗證碼
signin-button = 登入
signin-other = 使用其他聯絡方式
signed-out = 您已登出。
session-expired = 請重新登入。

## My ballot

ballot-title = 我的選票
ballot-voter = { $name }（{ $county } 縣）的通知
ballot-none = 目前我們還沒有您的郵寄選票記錄。當您所在的縣寄出選票時，選票會顯示在此處，我們也會通知您。
ballot-election = { $election }（{ $date }）
ballot-status = 狀態
ballot-timeline = 處理經過
ballot-past = 過去的選舉
ballot-deadline-return = 您的選票郵戳日期不得晚於選舉日{ $date }；或須於當天晚上 8 點前投入選票投遞箱或送至投票所。
ballot-deadline-cure = 請於{ $date }前與您所在的縣聯絡，以便您的選票能夠計票。
ballot-county-contact = { $county } 縣選舉辦公室：{ $phone }
ballot-county-web = 縣政府網站
event-mailed = 您的選票已寄給您。
event-mailed-again = 新的選票已寄給您。
event-inbound = 美國郵政署已收到您寄回的選票。
event-received = 您所在的縣已收到您的選票。
event-accepted = 您的選票已獲接受，將會計票。
event-not-accepted = 您的選票無法計票。
event-contact-county = 您所在的縣需要您與其聯絡，您的選票才能計票。
event-undeliverable = 您的選票無法投遞至您的地址。
event-in-person = 您已親自投票。
event-other = 您的選票狀態已變更。
status-none = 尚未寄出
status-mailed = 已寄出
status-inbound = 正在寄回您所在的縣
status-received = 您所在的縣已收到
status-accepted = 已接受
status-not-accepted = 未獲接受
status-contact-county = 請與您所在的縣聯絡
status-undeliverable = 無法投遞
status-in-person = 已親自投票

## My choices

preferences-title = 我的設定
preferences-contacts = 接收通知的聯絡方式
contact-confirmed = 已確認
contact-unconfirmed = 尚未確認
contact-stopped = 已停止
contact-unreachable = 無法將通知傳送至此聯絡方式
preferences-stop-title = 停止接收通知或刪除我的資料
preferences-stop-intro = 您可以停止其中一種通知方式、停止所有通知，或刪除我們為您的登記所保存的所有資料。您的選民登記和選票不會受到影響。
stop-channel = 停止{ $channel }通知
restart-channel = 恢復{ $channel }通知
stop-all = 停止所有通知
delete-title = 刪除我的資料
delete-intro = 這將刪除您的聯絡方式和設定。您將不會再收到任何通知。您可以隨時重新登記。
delete-button = 刪除我的資料
deleted = 您的資料已刪除。您將不會再收到任何通知。
stopped = 我們將不再傳送通知至此聯絡方式。
restarted = 我們將重新傳送通知至此聯絡方式。
unsubscribe-title = 停止接收通知
unsubscribe-intro = 是否要停止傳送至 { $contact } 的所有選票通知？
unsubscribe-button = 停止這些通知
added-title = 刪除新增的聯絡方式
added-intro = 此選票的通知剛剛新增了 { $contact }。如果不是您新增的，請將其刪除：它將不再收到通知，透過它登入的人也會被登出。
added-button = 刪除此聯絡方式
added-removed = 已刪除此聯絡方式。它將不再收到關於此選票的通知。
added-invalid = 此連結已無法使用：該聯絡方式已被刪除或變更，或連結已超過 30 天。若要查看您自己的聯絡方式，請登入。

## Counties taking part

counties-title = 我所在的縣是否參與？
counties-intro = 每次選舉時，參與的縣都會透過本服務傳送選票通知。
counties-election = { $election }（{ $date }）
counties-taking-part = 參與
counties-not-taking-part = 未參與
counties-none = 目前沒有排定的選舉。
counties-county = 縣
counties-status = 選票通知

## Help

help-title = 說明
help-what-title = 這是什麼服務？
help-what = 州政府和您所在的縣會以電子郵件、簡訊或電話告訴您郵寄選票的狀態：選票何時寄給您、縣政府何時收到選票，以及選票是否已計票。
help-who-title = 誰可以登記？
help-who = 所有選民登記處於有效狀態的加州登記選民。
help-privacy-title = 您的資料
help-privacy = 我們只會將您的聯絡方式用於傳送有關您選票的通知，且絕不會與他人分享。您可以隨時停止接收通知或刪除您的資料。
help-stop-title = 停止接收通知
help-stop = 回覆簡訊 STOP、使用每封電子郵件結尾的連結，或登入後開啟「我的設定」。
help-contact-title = 有關您選票的問題
help-contact = 您所在的縣選舉辦公室可以回答有關您選民登記和選票的問題。州務卿的選民熱線電話是 { $phone }。
too-many-attempts-identity = 針對此人或此聯絡方式的嘗試次數過多。請等候 15 分鐘後再試一次。
code-held = 我們不久前已傳送驗證碼至 { $contact }。請輸入該驗證碼，或等候幾分鐘後再申請新的驗證碼。
error-phone-country = 我們無法傳送簡訊或撥打電話至該國家的電話號碼。請輸入美國的電話號碼，或選擇電子郵件。
error-channel-taken = 此方式的通知已傳送至這位選民的另一個聯絡方式。只有該聯絡方式可以變更：請用它登入，或致電您所在縣的選舉辦公室。
contact-not-yours = 只有使用此聯絡方式登入的人才能變更或停止它。
