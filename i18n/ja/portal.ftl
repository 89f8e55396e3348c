# The voter pages ("Where's My Ballot?"), Japanese.
# See i18n/en/portal.ftl for the meaning of every message and variable.
# Placeholders in { $braces } are filled in by the service; keep them as they are.
# County names and election names stay as written (in English).
# Register: です/ます. Glossary terms: 郵便投票用紙 (vote-by-mail ballot),
# 郡選挙管理事務所 (county elections office), 私の投票用紙はどこ？ (Where's My
# Ballot?), 署名, 集計済み / 受理, 登録する.

## Every page

site-name = 私の投票用紙はどこ？
skip-link = 本文へ移動
nav-label = メインメニュー
nav-home = ホーム
nav-sign-up = 登録する
nav-sign-in = ログイン
nav-my-ballot = 私の投票用紙
nav-preferences = お知らせの設定
nav-counties = 参加している郡
nav-help = ヘルプ
nav-sign-out = ログアウト
language-label = 言語
language-change = 言語を変更
footer-text = このサービスは、カリフォルニア州務長官とお住まいの郡選挙管理事務所が提供しています。社会保障番号、運転免許証番号、お支払いを求めることは一切ありません。
error-summary-title = 入力内容に問題があります
error-prefix = エラー：
button-continue = 次へ
button-save = 保存
button-back = 戻る
form-expired = このページを開いていた時間が長すぎたか、二重に送信されました。もう一度入力してください。
too-many-attempts = この接続からの試行回数が多すぎます。15分待ってから、もう一度お試しください。
not-found-title = ページが見つかりません
not-found-text = このページは存在しません。アドレスをご確認いただくか、ホームページへお進みください。
server-error-title = 問題が発生しました
server-error-text = ご依頼の処理を完了できませんでした。数分後にもう一度お試しください。

## Home

home-title = 郵便投票用紙の状況を確認しましょう
home-intro = ご登録いただくと、郡が郵便投票用紙を発送したとき、郡が投票用紙を受け取ったとき、そして投票用紙が集計されたときに、メール、テキストメッセージ、または電話でお知らせします。お知らせはご希望の言語で、ご指定の時間帯にのみお送りします。
home-how-title = ご利用方法
home-step-identify = ご本人の情報として、有権者登録と同じ氏名、生年月日、ZIPコード（郵便番号）を入力してください。
home-step-choose = お知らせの方法と時間帯を選び、メールアドレスまたは電話番号を確認コードで確認してください。
home-step-follow = 投票用紙の状況が変わるたびに、集計されるまでお知らせします。
home-sign-up = 登録する
home-sign-in-text = すでに登録済みの方
home-sign-in = ログインして投票用紙を確認する

## Sign-up: who you are

signup-title = 登録
signup-intro = 有権者登録の内容とまったく同じように入力してください。すべての項目が必須です。
field-first-name = 名
field-last-name = 姓
field-dob = 生年月日
field-dob-hint = MM-DD-YYYY（月-日-年）、例：07-04-1980
field-zip = ZIPコード
field-zip-hint = カリフォルニア州内のご自宅住所のZIPコード
error-first-name-missing = 名を入力してください。
error-last-name-missing = 姓を入力してください。
error-name-too-long = 名前は100文字以内で入力してください。
error-dob-missing = 生年月日を入力してください。
error-dob-format = 生年月日は月、日、年の順に MM-DD-YYYY の形式で入力してください（例：07-04-1980）。
error-dob-invalid = その日付は存在しません。月と日をご確認ください：MM-DD-YYYY。
error-zip-format = 5桁のZIPコードを入力してください（例：95814）。

## Sign-up: more than one voter matches

voter-id-title = もう1つ情報が必要です
voter-id-intro = 入力された情報に一致する有権者が複数います。ご本人を正しく特定するため、VoteCal 有権者番号を入力してください。有権者番号は、州の有権者登録状況検索で確認できます。
field-voter-id = VoteCal 有権者番号
field-voter-id-hint = 有権者登録状況検索に表示される英字と数字
error-voter-id-format = 有権者番号は英字と数字のみで入力してください。

## Sign-up: no match

no-match-title = この情報では登録できませんでした
no-match-intro = 入力された情報で登録できる有権者登録が見つかりませんでした。主な理由は次のとおりです。
no-match-cause-typo = 有権者登録の際に、氏名または生年月日が異なる表記で登録されています（愛称、ミドルネーム、ハイフン、アクセント記号の抜け、入力ミスなど）。
no-match-cause-recent = 最近、有権者登録をしたか登録内容を変更したばかりで、その変更がまだ当サービスに届いていません。数日後にもう一度お試しください。
no-match-cause-status = 現在、有権者登録が有効な状態ではありません。
no-match-cause-overseas = 米国外にお住まいで、海外のご住所の郵便番号を入力されました。代わりに、カリフォルニア州内で最後にお住まいだったご住所のZIPコードを入力してください。
no-match-cause-format = 生年月日が月、日、年（MM-DD-YYYY）の順になっていませんでした。
no-match-lookup = 有権者登録を確認する
no-match-lookup-text = 州務長官の有権者登録状況検索で、州の記録にあるあなたの有権者登録の内容を確認できます。
no-match-county = お住まいの郡選挙管理事務所でもご相談いただけます。
no-match-county-link = お住まいの郡選挙管理事務所を探す
no-match-again = もう一度試す

## Sign-up and "My choices": how and when

prefs-title = お知らせの方法と時間帯
prefs-intro = お知らせの方法は、いくつでもお選びいただけます。お知らせをお送りする前に、それぞれのメールアドレスと電話番号を確認コードで確認します。
prefs-language = お知らせの言語
prefs-channels = どの方法でお知らせしますか？
channel-email = メール
channel-sms = テキストメッセージ
channel-voice = 電話
field-email = メールアドレス
field-sms = テキストメッセージを受け取る携帯電話番号
field-voice = お知らせの電話を受ける電話番号
field-phone-hint = 例：(916) 555-0100。米国外の番号は、+ と国番号から始めてください。
prefs-hours = ご希望の時間帯
prefs-hours-hint = この時間帯以外には何もお送りしません。お知らせは、ご希望の時間帯になってからお送りします。
field-hours-from = 開始時刻
field-hours-to = 終了時刻
field-time-zone = タイムゾーン
field-time-zone-hint = カリフォルニア州外にお住まいの場合は、お住まいの地域のタイムゾーンを選んでください。
error-no-channel = お知らせの方法を1つ以上選び、そのメールアドレスまたは電話番号を入力してください。
error-email = メールアドレスを name@example.com のような形式で入力してください。
error-phone = メッセージを受け取れる電話番号を入力してください（例：(916) 555-0100）。
error-hours = 開始時刻は終了時刻より前にしてください。
error-time-zone = 一覧からタイムゾーンを選んでください。
prefs-saved = 設定を保存しました。
prefs-confirm-new = 新しい連絡先を確認するため、確認コードをお送りしました。

## Confirming a contact

confirm-title = 連絡先の確認
confirm-intro = 以下の各連絡先に6桁の確認コードをお送りしました。ここにコードを入力してください。確認が済むまで、その連絡先には何もお送りしません。
confirm-code-for = { $contact } に送信した確認コード
confirm-voice-note = この番号にお電話して、確認コードをお読みします。
confirm-expires = 確認コードの有効期間は15分です。
confirm-resend = 新しい確認コードを送信する
confirm-resent = 新しい確認コードをお送りしました。
confirm-send-failed = { $contact } に確認コードを送信できませんでした。連絡先をご確認いただくか、後でもう一度お試しください。
error-code = この確認コードは正しくないか、有効期限が切れています。コードをご確認いただくか、新しいコードをご請求ください。
error-code-format = 6桁の確認コードを入力してください。
confirm-done = 登録が完了しました。投票用紙の状況が変わったときにお知らせします。

## Signing in

signin-title = ログイン
signin-intro = ご登録のメールアドレスまたは電話番号を入力してください。確認済みの連絡先であれば、確認コードをお送りします。
field-contact = メールアドレスまたは電話番号
error-contact = メールアドレスまたは電話番号を入力してください。
signin-code-title = 確認コードを入力してください
signin-code-intro = この連絡先が登録済みかつ確認済みであれば、6桁の確認コードをお送りしました。有効期間は15分です。
field-code = 確認コード
signin-button = ログイン
signin-other = 別の連絡先を使う
signed-out = ログアウトしました。
session-expired = もう一度ログインしてください。

## My ballot

ballot-title = 私の投票用紙
ballot-voter = { $name } 様へのお知らせ（{ $county } 郡）
ballot-none = あなたの郵便投票用紙の記録は、まだありません。郡が投票用紙を発送すると、ここに表示され、お知らせします。
ballot-election = { $election }（{ $date }）
ballot-status = 状況
ballot-timeline = これまでの経過
ballot-past = 過去の選挙
ballot-deadline-return = 投票用紙は、選挙日である{ $date }までの消印で郵送するか、同日午後8時までに投票用紙投函箱または投票所へお持ちいただく必要があります。
ballot-deadline-cure = 投票用紙が集計されるよう、{ $date }までに郡へご連絡ください。
ballot-county-contact = { $county } 郡選挙管理事務所：{ $phone }
ballot-county-web = 郡のウェブサイト
event-mailed = 投票用紙が発送されました。
event-mailed-again = 新しい投票用紙が発送されました。
event-inbound = ご返送いただいた投票用紙を、郵便局が配達中です。
event-received = 郡が投票用紙を受け取りました。
event-accepted = 投票用紙は受理され、集計されます。
event-not-accepted = 投票用紙を集計できませんでした。
event-contact-county = 投票用紙が集計されるよう、郡へご連絡いただく必要があります。
event-undeliverable = 投票用紙をご住所にお届けできませんでした。
event-in-person = 投票所で直接投票されました。
event-other = 投票用紙の状況が変わりました。
status-none = 未発送
status-mailed = 発送済み
status-inbound = 郡へ返送中
status-received = 郡で受け取り済み
status-accepted = 受理
status-not-accepted = 不受理
status-contact-county = 郡へご連絡ください
status-undeliverable = 配達できませんでした
status-in-person = 投票所で投票済み

## My choices

preferences-title = お知らせの設定
preferences-contacts = お知らせの送信先
contact-confirmed = 確認済み
contact-unconfirmed = 未確認
contact-stopped = 停止中
contact-unreachable = この連絡先にはお知らせをお届けできませんでした
preferences-stop-title = お知らせの停止またはデータの削除
preferences-stop-intro = お知らせの方法を1つだけ停止することも、すべてのお知らせを停止することも、ご登録について保存しているすべての情報を削除することもできます。有権者登録と投票用紙には影響しません。
stop-channel = { $channel }でのお知らせを停止する
restart-channel = { $channel }でのお知らせを再開する
stop-all = すべてのお知らせを停止する
delete-title = データの削除
delete-intro = 連絡先と設定を削除します。今後、お知らせは届かなくなります。いつでも再度ご登録いただけます。
delete-button = データを削除する
deleted = データを削除しました。今後、お知らせは届きません。
stopped = この連絡先へのお知らせを停止しました。
restarted = この連絡先へのお知らせを再開しました。
unsubscribe-title = お知らせの停止
unsubscribe-intro = { $contact } への投票用紙に関するお知らせを、すべて停止しますか？
unsubscribe-button = これらのお知らせを停止する
added-title = 新しい連絡先の削除
added-intro = この投票用紙の通知に { $contact } が追加されました。心当たりがない場合は削除してください。この連絡先には通知が送られなくなり、この連絡先でログインした人はログアウトされます。
added-button = この連絡先を削除
added-removed = 連絡先を削除しました。この投票用紙に関する通知は今後送られません。
added-invalid = このリンクはもう使えません。連絡先がすでに削除または変更されたか、リンクの発行から30日以上たっています。ご自身の連絡先を確認するには、ログインしてください。

## Counties taking part

counties-title = お住まいの郡は参加していますか？
counties-intro = 参加している郡は、選挙ごとにこのサービスを通じて投票用紙のお知らせを送信します。
counties-election = { $election }（{ $date }）
counties-taking-part = 参加
counties-not-taking-part = 不参加
counties-none = 現在、予定されている選挙はありません。
counties-county = 郡
counties-status = 投票用紙のお知らせ

## Help

help-title = ヘルプ
help-what-title = このサービスについて
help-what = 州とお住まいの郡が、郵便投票用紙の状況をメール、テキストメッセージ、または電話でお知らせします。投票用紙が発送されたとき、郡が受け取ったとき、そして集計されたかどうかをお知らせします。
help-who-title = 登録できる方
help-who = 有権者登録が有効な、カリフォルニア州のすべての登録有権者が登録できます。
help-privacy-title = 個人情報の取り扱い
help-privacy = ご登録の連絡先は、投票用紙に関するお知らせにのみ使用し、第三者と共有することは一切ありません。お知らせの停止やデータの削除は、いつでも行えます。
help-stop-title = お知らせの停止
help-stop = テキストメッセージに STOP と返信するか、各メールの末尾にあるリンクを使用するか、ログインして「お知らせの設定」を開いてください。
help-contact-title = 投票用紙に関するお問い合わせ
help-contact = 有権者登録や投票用紙に関するご質問には、お住まいの郡選挙管理事務所がお答えします。州務長官の有権者ホットラインは { $phone } です。
too-many-attempts-identity = このお名前または連絡先に対する試行回数が多すぎます。15分待ってから、もう一度お試しください。
code-held = 少し前に { $contact } に確認コードを送信しました。そのコードを入力していただくか、数分待ってから新しいコードをご請求ください。
error-phone-country = その国の電話番号にはテキストメッセージや電話をお送りできません。米国の電話番号を入力するか、メールをお選びください。
error-channel-taken = この方法でのお知らせは、すでにこの有権者の別の連絡先に送られています。変更できるのはその連絡先だけです。その連絡先でサインインするか、郡の選挙管理事務所にお電話ください。
contact-not-yours = この連絡先を変更または停止できるのは、この連絡先でサインインした方だけです。
