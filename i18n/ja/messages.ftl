### Ballot tracking messages, Japanese.
###
### See i18n/en/messages.ftl for the meaning of every message and variable.
### Register: です/ます. Glossary terms: 郵便投票用紙 (vote-by-mail ballot),
### 郡選挙管理事務所 (county elections office), 「私の投票用紙はどこ？」 (Where's My
### Ballot?), 署名, 集計済み / 受理, 登録する.

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
    .email-subject = { $county } 郡の投票用紙に関するお知らせに登録されました
    .email-body =
        { $county } 郡選挙管理事務所の「私の投票用紙はどこ？」にご登録いただき、ありがとうございます。

        郵便投票用紙の発送時、当事務所での受け取り時、および集計時にお知らせします。投票用紙に問題がある場合は、その解決方法をご案内します。

        ご不明な点は、{ $county_phone } までお電話いただくか、{ $county_web } をご覧ください。
    .sms = { $county } 郡：投票用紙のお知らせに登録されました。ヘルプはHELP、配信停止はSTOPと返信してください。
    .voice = こんにちは。こちらは { $county } 郡選挙管理事務所です。郵便投票用紙に関するお知らせへのご登録が完了しました。投票用紙の発送時、受け取り時、集計時に、お電話でお知らせいたします。ありがとうございました。

# $expected_from, $expected_to: the dates the ballot should arrive between.
outbound =
    .email-subject = { $election_date }の選挙の投票用紙を郵送しました
    .email-body =
        { $county } 郡選挙管理事務所は、{ $election_date }の選挙の郵便投票用紙をお送りしました。

        { $expected_from }から{ $expected_to }までの間に届く予定です。

        それまでに届かない場合は、{ $county_phone } までお電話いただくか、{ $county_web } をご覧ください。
    .sms = { $county } 郡：{ $election_date }の選挙の投票用紙を郵送しました。{ $expected_from }～{ $expected_to }に届く予定です。
    .voice = こんにちは。こちらは { $county } 郡選挙管理事務所です。{ $election_date }の選挙の郵便投票用紙をお送りしました。{ $expected_from }から{ $expected_to }までの間に届く予定です。それまでに届かない場合は、{ $county_phone } までお電話ください。

inbound =
    .email-subject = 投票用紙は { $county } 郡へ返送される途中です
    .email-body =
        ご返送いただいた郵便投票用紙は、現在郵便局が { $county } 郡選挙管理事務所へ配達中です。

        当事務所で受け取り次第、お知らせします。
    .sms = { $county } 郡：ご返送いただいた投票用紙は、現在郵便局が当事務所へ配達中です。受け取り次第お知らせします。
    .voice = こんにちは。こちらは { $county } 郡選挙管理事務所です。ご返送いただいた郵便投票用紙は、現在郵便局が当事務所へ配達中です。受け取り次第、お知らせいたします。

received =
    .email-subject = { $county } 郡が投票用紙を受け取りました
    .email-body =
        { $county } 郡選挙管理事務所は、{ $election_date }の選挙の郵便投票用紙を受け取りました。

        現在、署名を確認しています。投票用紙が集計されましたら、お知らせします。
    .sms = { $county } 郡：{ $election_date }の選挙の投票用紙を受け取りました。集計されましたらお知らせします。
    .voice = こんにちは。こちらは { $county } 郡選挙管理事務所です。{ $election_date }の選挙の郵便投票用紙を受け取りました。集計されましたら、お知らせいたします。

accepted =
    .email-subject = 投票用紙は集計済みです
    .email-body =
        { $election_date }の選挙の郵便投票用紙は、{ $county } 郡選挙管理事務所で受理され、集計されました。

        ご投票いただき、ありがとうございました。
    .sms = { $county } 郡：{ $election_date }の選挙の投票用紙は集計されました。ご投票ありがとうございました。
    .voice = こんにちは。こちらは { $county } 郡選挙管理事務所です。{ $election_date }の選挙の郵便投票用紙は受理され、集計されました。ご投票いただき、ありがとうございました。

# $reason: why, from one of the reason-* messages below.
not-accepted =
    .email-subject = 投票用紙を集計できませんでした
    .email-body =
        { $county } 郡選挙管理事務所は、{ $election_date }の選挙の郵便投票用紙を集計することができませんでした。

        理由：{ $reason }

        詳しくは、{ $county_phone } までお電話いただくか、{ $county_web } をご覧ください。
    .sms = { $county } 郡：{ $election_date }の選挙の投票用紙を集計できませんでした。理由：{ $reason }{ $county_phone } までお電話ください。
    .voice = こんにちは。こちらは { $county } 郡選挙管理事務所です。{ $election_date }の選挙の郵便投票用紙を集計できませんでした。理由は次のとおりです。{ $reason }詳しくは、{ $county_phone } までお電話ください。

# $reason: what is wrong; $cure_deadline: the last day to fix it.
contact-county =
    .email-subject = 要対応：{ $county } 郡にご連絡いただくまで、投票用紙は集計されません
    .email-body =
        { $election_date }の選挙の郵便投票用紙に、次の問題があります。{ $reason }

        問題を解決していただくまで、投票用紙は集計されません。{ $cure_deadline }までに { $county } 郡選挙管理事務所へご連絡ください。{ $county_phone } までお電話いただくか、{ $county_web } にアクセスして、署名のうえ返送していただく書類を入手してください。
    .sms = { $county } 郡：投票用紙はまだ集計できません。{ $reason }{ $cure_deadline }までに { $county_phone } へお電話ください。
    .voice = こんにちは。こちらは { $county } 郡選挙管理事務所です。郵便投票用紙に問題があるため、解決していただくまで集計されません。{ $reason }{ $cure_deadline }までに、{ $county_phone } へお電話ください。

undeliverable =
    .email-subject = 投票用紙をお届けできませんでした
    .email-body =
        { $county } 郡選挙管理事務所が{ $election_date }の選挙のためにお送りした郵便投票用紙を、郵便局が配達できませんでした。

        ご住所が正しいかご確認ください。新しい投票用紙の入手や、投票所で直接投票できる場所については、{ $county_phone } までお電話いただくか、{ $county_web } をご覧ください。
    .sms = { $county } 郡：{ $election_date }の選挙の投票用紙をお届けできませんでした。新しい投票用紙については { $county_phone } へお電話ください。
    .voice = こんにちは。こちらは { $county } 郡選挙管理事務所です。{ $election_date }の選挙の郵便投票用紙を、郵便局が配達できませんでした。新しい投票用紙をお受け取りになるには、{ $county_phone } へお電話ください。

# $expected_from, $expected_to: the dates the new ballot should arrive between.
reissued =
    .email-subject = 新しい投票用紙を郵送しました
    .email-body =
        { $county } 郡選挙管理事務所は、{ $election_date }の選挙の新しい郵便投票用紙をお送りしました。集計されるのはこの新しい投票用紙のみです。古い投票用紙は返送しないでください。

        { $expected_from }から{ $expected_to }までの間に届く予定です。
    .sms = { $county } 郡：{ $election_date }の選挙の新しい投票用紙を郵送しました。新しい用紙のみご使用ください。{ $expected_from }～{ $expected_to }に届く予定です。
    .voice = こんにちは。こちらは { $county } 郡選挙管理事務所です。{ $election_date }の選挙の新しい郵便投票用紙をお送りしました。新しい投票用紙のみをご使用ください。{ $expected_from }から{ $expected_to }までの間に届く予定です。

in-person =
    .email-subject = 投票所での投票を確認しました
    .email-body =
        記録によると、{ $election_date }の選挙で投票所にて直接投票されています。

        ご投票いただき、ありがとうございました。郵便投票用紙を返送していただく必要はありません。
    .sms = { $county } 郡：記録によると、{ $election_date }の選挙で投票所にて投票されています。ご投票ありがとうございました。
    .voice = こんにちは。こちらは { $county } 郡選挙管理事務所です。記録によると、{ $election_date }の選挙で投票所にて直接投票されています。ご投票いただき、ありがとうございました。

# $days: days left until election day.
return-reminder =
    .email-subject = お忘れなく：{ $election_date }までに投票用紙をご返送ください
    .email-body =
        { $election_date }の選挙の郵便投票用紙を、まだ受け取っておりません。{ $days ->
           *[other] 選挙日まであと{ $days }日です。
        }

        { $election_date }までの消印で郵送していただくか、当日午後8時までに投票用紙投函箱または投票センターへお持ちください。ご不明な点は、{ $county_phone } までお電話いただくか、{ $county_web } をご覧ください。
    .sms = { $county } 郡：投票用紙をまだ受け取っておりません。{ $election_date }までに郵送するか、当日午後8時までに投函箱へお持ちください。
    .voice = こんにちは。こちらは { $county } 郡選挙管理事務所です。郵便投票用紙をまだ受け取っておりません。{ $election_date }までに郵送していただくか、選挙日の午後八時までに、投票用紙投函箱または投票センターへお持ちください。

# $reason: what is wrong; $cure_deadline: the last day to fix it; $days: days left.
cure-reminder =
    .email-subject = お忘れなく：{ $cure_deadline }までに投票用紙の問題を解決してください
    .email-body =
        { $election_date }の選挙の郵便投票用紙は、次の理由により、まだ集計できない状態です。{ $reason }

        { $days ->
           *[other] 解決の期限まで、あと{ $days }日です。
        }{ $cure_deadline }までに { $county } 郡選挙管理事務所へご連絡ください。{ $county_phone } までお電話いただくか、{ $county_web } をご覧ください。
    .sms = { $county } 郡：投票用紙はまだ集計できません。{ $cure_deadline }までに { $county_phone } へお電話ください。
    .voice = こんにちは。こちらは { $county } 郡選挙管理事務所です。郵便投票用紙は、まだ集計できない状態です。投票が集計されるよう、{ $cure_deadline }までに、{ $county_phone } へお電話ください。

## Reasons a ballot was not counted or needs a fix, by status code.

reason-vav = この選挙では、すでに投票されています。
reason-bme = 封筒に投票用紙が入っていませんでした。
reason-vdd = 記録上、この有権者は亡くなられています。
reason-mia = 封筒の住所が記入されていないか、誤っていました。
reason-mre = 封筒に2枚以上の投票用紙が入っていました。
reason-not = 投票用紙の到着が期限に間に合いませんでした。
reason-oth = 投票用紙に複数の問題が見つかりました。
reason-cld = この投票用紙は取り消されました。
reason-nvs = 封筒に署名がありませんでした。
reason-nms = 封筒の署名が、登録されている署名と一致しません。
reason-inf = 選挙管理事務所では、追加の情報をご提供いただく必要があります。
reason-nid = 初めて投票する方に必要な本人確認書類が提出されていません。

## Parts around every message

# $unsubscribe_url: a link that stops these emails in one click.
email-footer = このメールは、{ $county } 郡の投票用紙に関するお知らせにご登録いただいたため、お送りしています。配信を停止するには、次のリンクにアクセスしてください：{ $unsubscribe_url }
email-unsubscribe-link = メールの配信を停止する
sms-help = { $county } 郡 投票用紙のお知らせ。お問い合わせ：{ $county_phone }。停止はSTOP、再開はSTARTと返信してください。
sms-stopped = { $county } 郡：投票用紙に関するメッセージの配信を停止しました。再開するにはSTARTと返信してください。
sms-started = { $county } 郡：投票用紙に関するメッセージの配信を再開しました。停止するにはSTOPと返信してください。
voice-goodbye = ありがとうございました。失礼いたします。

## One-time codes (confirming a contact, signing in)

# $code: the 6-digit code; $code_spoken: its digits one by one, for voice.
code =
    .email-subject = 「私の投票用紙はどこ？」の確認コード：{ $code }
    .email-body =
        確認コードは { $code } です。「私の投票用紙はどこ？」のページでこのコードを入力して、このメールアドレスを確認するか、ログインしてください。有効期間は15分です。

        このコードにお心当たりのない場合は、このメールを破棄してください。
    .sms = 「私の投票用紙はどこ？」確認コード：{ $code }。有効期間は15分です。お心当たりのない場合は無視してください。
    .voice = こんにちは。こちらは、カリフォルニア州の投票用紙追跡サービス「私の投票用紙はどこ？」です。確認コードは、{ $code_spoken }です。もう一度申し上げます。確認コードは、{ $code_spoken }です。失礼いたします。

# Sent to each confirmed contact when another contact joins the sign-up.
contact-added =
    .email-subject = 「私の投票用紙はどこ？」の通知に新しい連絡先が追加されました
    .email-body =
        あなたの投票用紙に関する「私の投票用紙はどこ？」の通知に、{ $added ->
            [email] メールアドレス { $contact }
            [sms] 電話番号 { $contact }（テキストメッセージ）
           *[voice] 電話番号 { $contact }（電話）
        } が追加されました。

        ご自身で追加した場合は、何もする必要はありません。心当たりがない場合は、こちらから削除してください：{ $remove_url }
    .sms = 「私の投票用紙はどこ？」：通知先に { $contact } が追加されました。心当たりがない場合は削除：{ $remove_url }
    .voice =
        こんにちは。こちらはカリフォルニア州の投票用紙追跡サービス「私の投票用紙はどこ？」です。あなたの投票用紙に関する通知に、新しい{ $added ->
            [email] メールアドレス
           *[other] 電話番号
        }が追加されました。心当たりがない場合は、お住まいの郡の選挙事務所にお電話ください。失礼いたします。

# In every email, after the message: the voter's own link to their ballot and choices.
email-manage = 投票用紙の確認とお知らせの設定の変更は、こちらから：{ $manage_url }

## Contact County after the cure deadline.
contact-county-passed =
    .email-subject = 投票用紙に問題があります：{ $county } 郡にご連絡ください
    .email-body =
        { $election_date }の選挙の郵便投票用紙に、次の問題があります。{ $reason }

        解決の期限は過ぎました。今後の対応については、{ $county } 郡選挙管理事務所（{ $county_phone }）へお電話いただくか、{ $county_web } をご覧ください。
    .sms = { $county } 郡：投票用紙に問題があります。{ $reason }解決の期限は過ぎました。{ $county_phone } へお電話ください。
    .voice = こんにちは。こちらは { $county } 郡選挙管理事務所です。郵便投票用紙に問題があります。{ $reason }解決の期限は過ぎました。{ $county_phone } へお電話ください。

reasons-more = ほかに { $count } 件の問題があります。

## Replies to a number no subscription uses.
sms-help-state = カリフォルニア州 投票用紙追跡サービス（「私の投票用紙はどこ？」）。お問い合わせ：{ $county_phone }。停止はSTOP、再開はSTARTと返信してください。
sms-stopped-state = カリフォルニア州 投票用紙追跡サービス：投票用紙に関するメッセージの配信を停止しました。再開するにはSTARTと返信してください。
sms-started-state = カリフォルニア州 投票用紙追跡サービス：投票用紙に関するメッセージの配信を再開しました。停止するにはSTOPと返信してください。
