### Ballot tracking messages, English.
###
### Every message kind has four attributes, one per channel part:
###   .email-subject   one line
###   .email-body      plain text; a blank line starts a new paragraph (the HTML
###                    version is built from these paragraphs)
###   .sms             one text message; must fit 3 segments with long variables
###   .voice           a script read aloud by text-to-speech; spell things out
###
### Variables every message may use:
###   $county          county name, in English (e.g. "Alameda")
###   $election_date   the election day, already written as a date in this language
###   $county_phone    the county elections office phone number
###   $county_web      the county elections office web page
### Further variables are named at the messages that use them.

## Dates. $month is the month's name from month-1 … month-12.

month-1 = January
month-2 = February
month-3 = March
month-4 = April
month-5 = May
month-6 = June
month-7 = July
month-8 = August
month-9 = September
month-10 = October
month-11 = November
month-12 = December
date-long = { $month } { $day }, { $year }

## Message kinds

confirmation =
    .email-subject = You are signed up for ballot updates from { $county } County
    .email-body =
        Thank you for signing up for Where's My Ballot? with the { $county } County elections office.

        We will tell you when your vote-by-mail ballot is mailed to you, when we receive it, and when it is counted. If there is a problem with your ballot, we will tell you how to fix it.

        Questions? Call { $county_phone } or visit { $county_web }.
    .sms = { $county } County: You are signed up for ballot updates. Reply HELP for help, STOP to stop.
    .voice = Hello. This is the { $county } County elections office. You are now signed up to get updates about your vote-by-mail ballot. We will call you when your ballot is mailed, received, and counted. Thank you.

# $expected_from, $expected_to: the dates the ballot should arrive between.
outbound =
    .email-subject = Your ballot for the { $election_date } election is in the mail
    .email-body =
        The { $county } County elections office has mailed your vote-by-mail ballot for the election on { $election_date }.

        It should arrive between { $expected_from } and { $expected_to }.

        If it has not arrived by then, call { $county_phone } or visit { $county_web }.
    .sms = { $county } County: Your ballot for the { $election_date } election is in the mail. It should arrive { $expected_from } to { $expected_to }.
    .voice = Hello. This is the { $county } County elections office. Your vote-by-mail ballot for the election on { $election_date } has been mailed to you. It should arrive between { $expected_from } and { $expected_to }. If it has not arrived by then, please call { $county_phone }.

inbound =
    .email-subject = Your ballot is on its way back to { $county } County
    .email-body =
        The Postal Service has your returned vote-by-mail ballot and is bringing it to the { $county } County elections office.

        We will tell you when we receive it.
    .sms = { $county } County: The Postal Service has your returned ballot and is bringing it to us. We will tell you when we receive it.
    .voice = Hello. This is the { $county } County elections office. The Postal Service has your returned vote-by-mail ballot and is bringing it to us. We will let you know when we receive it.

received =
    .email-subject = { $county } County has received your ballot
    .email-body =
        The { $county } County elections office has received your vote-by-mail ballot for the election on { $election_date }.

        We are now checking your signature. We will tell you when your ballot is counted.
    .sms = { $county } County: We have received your ballot for the { $election_date } election. We will tell you when it is counted.
    .voice = Hello. This is the { $county } County elections office. We have received your vote-by-mail ballot for the election on { $election_date }. We will let you know when it is counted.

accepted =
    .email-subject = Your ballot has been counted
    .email-body =
        Your vote-by-mail ballot for the election on { $election_date } has been accepted and counted by the { $county } County elections office.

        Thank you for voting.
    .sms = { $county } County: Your ballot for the { $election_date } election has been counted. Thank you for voting!
    .voice = Hello. This is the { $county } County elections office. Your vote-by-mail ballot for the election on { $election_date } has been accepted and counted. Thank you for voting.

# $reason: why, from one of the reason-* messages below.
not-accepted =
    .email-subject = Your ballot could not be counted
    .email-body =
        The { $county } County elections office could not count your vote-by-mail ballot for the election on { $election_date }.

        Reason: { $reason }

        For more information, call { $county_phone } or visit { $county_web }.
    .sms = { $county } County: Your ballot for the { $election_date } election could not be counted. Reason: { $reason } Call { $county_phone }.
    .voice = Hello. This is the { $county } County elections office. Your vote-by-mail ballot for the election on { $election_date } could not be counted. The reason is: { $reason } For more information, please call { $county_phone }.

# $reason: what is wrong; $cure_deadline: the last day to fix it.
contact-county =
    .email-subject = Action needed: your ballot will not be counted until you contact { $county } County
    .email-body =
        There is a problem with your vote-by-mail ballot for the election on { $election_date }: { $reason }

        Your ballot will not be counted until you fix it. Contact the { $county } County elections office by { $cure_deadline }: call { $county_phone } or visit { $county_web } to get the form you need to sign and return.
    .sms = { $county } County: Your ballot cannot be counted yet. { $reason } Fix it by { $cure_deadline }: call { $county_phone }.
    .voice = Hello. This is the { $county } County elections office. There is a problem with your vote-by-mail ballot, and it will not be counted until you fix it. { $reason } Please call us at { $county_phone } by { $cure_deadline }.

undeliverable =
    .email-subject = Your ballot could not be delivered
    .email-body =
        The Postal Service could not deliver the vote-by-mail ballot that the { $county } County elections office mailed you for the election on { $election_date }.

        Please check that your address is correct. Call { $county_phone } or visit { $county_web } to get a new ballot or to find where to vote in person.
    .sms = { $county } County: Your ballot for the { $election_date } election could not be delivered. Call { $county_phone } for a new one.
    .voice = Hello. This is the { $county } County elections office. The Postal Service could not deliver your vote-by-mail ballot for the election on { $election_date }. Please call us at { $county_phone } to get a new ballot.

# $expected_from, $expected_to: the dates the new ballot should arrive between.
reissued =
    .email-subject = A new ballot has been mailed to you
    .email-body =
        The { $county } County elections office has mailed you a new vote-by-mail ballot for the election on { $election_date }. Only this new ballot will be counted; please do not return the old one.

        It should arrive between { $expected_from } and { $expected_to }.
    .sms = { $county } County: A new ballot for the { $election_date } election is in the mail. Use only the new one. It should arrive { $expected_from } to { $expected_to }.
    .voice = Hello. This is the { $county } County elections office. A new vote-by-mail ballot for the election on { $election_date } has been mailed to you. Please use only the new ballot. It should arrive between { $expected_from } and { $expected_to }.

in-person =
    .email-subject = You voted in person
    .email-body =
        Our records show that you voted in person in the election on { $election_date }.

        Thank you for voting. You do not need to return your vote-by-mail ballot.
    .sms = { $county } County: Our records show you voted in person in the { $election_date } election. Thank you for voting!
    .voice = Hello. This is the { $county } County elections office. Our records show that you voted in person in the election on { $election_date }. Thank you for voting.

# $days: days left until election day.
return-reminder =
    .email-subject = Reminder: return your ballot by { $election_date }
    .email-body =
        We have not yet received your vote-by-mail ballot for the election on { $election_date }. { $days ->
            [one] There is 1 day left.
           *[other] There are { $days } days left.
        }

        Mail it so it is postmarked by { $election_date }, or bring it to a ballot drop box or vote center by 8:00 p.m. that day. Questions? Call { $county_phone } or visit { $county_web }.
    .sms = { $county } County: We have not received your ballot yet. Mail it by { $election_date } or bring it to a drop box by 8 p.m. that day.
    .voice = Hello. This is the { $county } County elections office. We have not yet received your vote-by-mail ballot. Please mail it by { $election_date }, or bring it to a ballot drop box or vote center by eight p.m. on election day.

# $reason: what is wrong; $cure_deadline: the last day to fix it; $days: days left.
cure-reminder =
    .email-subject = Reminder: fix your ballot by { $cure_deadline }
    .email-body =
        Your vote-by-mail ballot for the election on { $election_date } still cannot be counted: { $reason }

        { $days ->
            [one] There is 1 day left to fix it.
           *[other] There are { $days } days left to fix it.
        } Contact the { $county } County elections office by { $cure_deadline }: call { $county_phone } or visit { $county_web }.
    .sms = { $county } County: Your ballot still cannot be counted. Fix it by { $cure_deadline }: call { $county_phone }.
    .voice = Hello. This is the { $county } County elections office. Your vote-by-mail ballot still cannot be counted. Please call us at { $county_phone } by { $cure_deadline } so that your vote can count.

## Reasons a ballot was not counted or needs a fix, by status code.

reason-vav = You already voted in this election.
reason-bme = The envelope did not contain a ballot.
reason-vdd = Our records show the voter is deceased.
reason-mia = The address on the envelope was missing or wrong.
reason-mre = More than one ballot was in the envelope.
reason-not = The ballot arrived too late.
reason-oth = Several problems were found with the ballot.
reason-cld = The ballot was cancelled.
reason-nvs = The envelope was not signed.
reason-nms = The signature on the envelope does not match the one on file.
reason-inf = The elections office needs more information from you.
reason-nid = The identification required for first-time voters was not provided.

## Parts around every message

# $unsubscribe_url: a link that stops these emails in one click.
email-footer = You get these emails because you signed up for ballot updates from { $county } County. To stop them, visit { $unsubscribe_url }
email-unsubscribe-link = Stop these emails
sms-help = { $county } County ballot updates. Questions: { $county_phone }. Reply STOP to stop, START to restart.
sms-stopped = { $county } County: You will no longer get ballot texts. Reply START to get them again.
sms-started = { $county } County: You will get ballot texts again. Reply STOP to stop.
voice-goodbye = Thank you. Goodbye.

## One-time codes (confirming a contact, signing in)

# $code: the 6-digit code; $code_spoken: its digits one by one, for voice.
code =
    .email-subject = Your Where's My Ballot? code: { $code }
    .email-body =
        Your code is { $code }. Enter it on the Where's My Ballot? page to confirm this email address or to sign in. It is valid for 15 minutes.

        If you did not ask for this code, you can ignore this email.
    .sms = Where's My Ballot? code: { $code }. It is valid for 15 minutes. If you did not ask for it, ignore this message.
    .voice = Hello. This is Where's My Ballot?, the California ballot tracking service. Your code is { $code_spoken }. Again, your code is { $code_spoken }. Goodbye.

# Sent to each confirmed contact when another contact joins the sign-up.
# $added: which kind joined (email, sms, voice); $contact: the new contact,
# masked (a•••@example.org, (•••) •••-0100); $remove_url: a link that
# removes it. Calls give no link: they name the county office.
contact-added =
    .email-subject = A new contact was added to your Where's My Ballot? messages
    .email-body =
        { $added ->
            [email] The email address { $contact }
            [sms] The number { $contact } (text messages)
           *[voice] The number { $contact } (phone calls)
        } was just added to the Where's My Ballot? messages about your ballot.

        If you added it, you need not do anything. If you did not, remove it here: { $remove_url }
    .sms = Where's My Ballot?: { $contact } was added to your ballot messages. Not you? Remove it: { $remove_url }
    .voice =
        Hello. This is Where's My Ballot?, the California ballot tracking service. A new { $added ->
            [email] email address
           *[other] phone number
        } was just added to the messages about your ballot. If you did not add it, call your county elections office. Goodbye.

# In every email, after the message: the voter's own link to their ballot and choices.
email-manage = See your ballot and change your choices: { $manage_url }

## Contact County after the cure deadline: no past date is given, only that it has passed.

# $reason: what is wrong.
contact-county-passed =
    .email-subject = There is a problem with your ballot: contact { $county } County
    .email-body =
        There is a problem with your vote-by-mail ballot for the election on { $election_date }: { $reason }

        The deadline to fix it has passed. Call the { $county } County elections office at { $county_phone } or visit { $county_web } to find out what you can still do.
    .sms = { $county } County: There is a problem with your ballot. { $reason } The deadline to fix it has passed. Call { $county_phone }.
    .voice = Hello. This is the { $county } County elections office. There is a problem with your vote-by-mail ballot. { $reason } The deadline to fix it has passed. Please call us at { $county_phone }.

# After the first reasons of a text message, when the others do not fit: $count more.
reasons-more = { $count ->
        [one] And 1 more problem.
       *[other] And { $count } more problems.
    }

## Replies to a number no subscription uses: no county is known, so the service speaks.
sms-help-state = California ballot tracking (Where's My Ballot?). Questions: { $county_phone }. Reply STOP to stop, START to restart.
sms-stopped-state = California ballot tracking: You will no longer get ballot texts. Reply START to get them again.
sms-started-state = California ballot tracking: You will get ballot texts again. Reply STOP to stop.
