# The voter pages ("Where's My Ballot?"): every text a voter sees in a browser.
# Placeholders in { $braces } are filled in by the service; keep them as they are.
# County names and election names stay as written (in English).

## Every page

site-name = Where's My Ballot?
skip-link = Skip to main content
nav-label = Main menu
nav-home = Home
nav-sign-up = Sign up
nav-sign-in = Sign in
nav-my-ballot = My ballot
nav-preferences = My choices
nav-counties = Counties taking part
nav-help = Help
nav-sign-out = Sign out
language-label = Language
language-change = Change language
footer-text = A service of the California Secretary of State and your county elections office. We never ask for your Social Security number, your driver's license number or a payment.
error-summary-title = There is a problem
error-prefix = Error:
button-continue = Continue
button-save = Save
button-back = Back
form-expired = This page was open too long, or was sent twice. Please fill it in again.
too-many-attempts = Too many attempts from here. Please wait 15 minutes and try again.
not-found-title = Page not found
not-found-text = This page does not exist. Check the address, or go to the home page.
server-error-title = Something went wrong
server-error-text = We could not complete your request. Please try again in a few minutes.

## Home

home-title = Track your vote-by-mail ballot
home-intro = Sign up to get an email, a text message or a phone call when your county mails your vote-by-mail ballot, when the county receives it, and when it is counted. Messages come in your language, only at the hours you choose.
home-how-title = How it works
home-step-identify = Tell us who you are: your name, date of birth and ZIP code, as on your voter registration.
home-step-choose = Choose how and when we tell you, and confirm your email address or phone number with a code.
home-step-follow = We tell you every time your ballot moves, until it is counted.
home-sign-up = Sign up
home-sign-in-text = Already signed up?
home-sign-in = Sign in to see your ballot

## Sign-up: who you are

signup-title = Sign up
signup-intro = Enter your information exactly as on your voter registration. All fields are required.
field-first-name = First name
field-last-name = Last name
field-dob = Date of birth
field-dob-hint = MM-DD-YYYY, for example 07-04-1980
field-zip = ZIP code
field-zip-hint = The ZIP code of your home address in California
error-first-name-missing = Enter your first name.
error-last-name-missing = Enter your last name.
error-name-too-long = A name can have at most 100 characters.
error-dob-missing = Enter your date of birth.
error-dob-format = Enter your date of birth as month, day and year: MM-DD-YYYY, for example 07-04-1980.
error-dob-invalid = That date does not exist. Check the month and the day: MM-DD-YYYY.
error-zip-format = Enter a 5-digit ZIP code, for example 95814.

## Sign-up: more than one voter matches

voter-id-title = One more detail
voter-id-intro = More than one voter matches these details. Enter your VoteCal voter ID so that we find the right one. You can find it with the state's voter status lookup.
field-voter-id = VoteCal voter ID
field-voter-id-hint = Letters and digits, as shown by the voter status lookup
error-voter-id-format = Enter a voter ID of letters and digits only.

## Sign-up: no match

no-match-title = We could not sign you up with this information
no-match-intro = We could not find a voter registration that we can sign up with these details. The usual reasons are:
no-match-cause-typo = Your name or date of birth was written differently when you registered: a nickname, a middle name, a hyphen, a missing accent or a typing mistake.
no-match-cause-recent = You registered or changed your registration recently, and the change has not reached us yet. Please try again in a few days.
no-match-cause-status = Your registration is not active at the moment.
no-match-cause-overseas = You live outside the United States and typed the postal code of your address abroad. Enter the ZIP code of your last home address in California instead.
no-match-cause-format = The date of birth was not in the order month, day, year (MM-DD-YYYY).
no-match-lookup = Check your registration
no-match-lookup-text = The Secretary of State's voter status lookup shows your registration as the state has it.
no-match-county = Your county elections office can help you too.
no-match-county-link = Find your county elections office
no-match-again = Try again

## Sign-up and "My choices": how and when

prefs-title = How and when we tell you
prefs-intro = Choose any or all ways to be told. We confirm each email address and phone number with a code before we send anything to it.
prefs-language = Language of your messages
prefs-channels = How should we tell you?
channel-email = Email
channel-sms = Text message
channel-voice = Phone call
field-email = Email address
field-sms = Mobile phone number for text messages
field-voice = Phone number for calls
field-phone-hint = For example (916) 555-0100. A number outside the United States starts with + and the country code.
prefs-hours = Your hours
prefs-hours-hint = We send nothing outside these hours: a message waits until your hours begin.
field-hours-from = From
field-hours-to = Until
field-time-zone = Time zone
field-time-zone-hint = If you live outside California, choose the time zone where you live.
error-no-channel = Choose at least one way to tell you, and enter its address or number.
error-email = Enter an email address like name@example.com.
error-phone = Enter a phone number that can receive messages, like (916) 555-0100.
error-hours = Your hours must begin before they end.
error-time-zone = Choose a time zone from the list.
prefs-saved = Your choices are saved.
prefs-confirm-new = We sent a code to confirm the new contact.

## Confirming a contact

confirm-title = Confirm your contact
confirm-intro = We sent a 6-digit code to each contact below. Enter the codes here. We send nothing to a contact until it is confirmed.
confirm-code-for = Code sent to { $contact }
confirm-voice-note = We are calling this number to read you the code.
confirm-expires = The codes are valid for 15 minutes.
confirm-resend = Send new codes
confirm-resent = We sent new codes.
confirm-send-failed = We could not send a code to { $contact }. Check it, or try again later.
error-code = This code is not right, or it has expired. Check it, or ask for a new code.
error-code-format = Enter the 6 digits of the code.
confirm-done = You are signed up. We will tell you when your ballot moves.

## Signing in

signin-title = Sign in
signin-intro = Enter the email address or phone number you signed up with. If it is confirmed, we send it a code.
field-contact = Email address or phone number
error-contact = Enter an email address or a phone number.
signin-code-title = Enter your code
signin-code-intro = If this contact is signed up and confirmed, we sent it a 6-digit code. It is valid for 15 minutes.
field-code = Code
signin-button = Sign in
signin-other = Use another contact
signed-out = You are signed out.
session-expired = Please sign in again.

## My ballot

ballot-title = My ballot
ballot-voter = Messages for { $name }, { $county } County
ballot-none = We have no vote-by-mail ballot on record for you yet. When your county mails one, it appears here and we tell you.
ballot-election = { $election }, { $date }
ballot-status = Status
ballot-timeline = What happened
ballot-past = Past elections
ballot-deadline-return = Your ballot must be postmarked on or before election day, { $date }, or returned to a drop box or polling place by 8 p.m. that day.
ballot-deadline-cure = Contact your county by { $date } so that your ballot can be counted.
ballot-county-contact = { $county } County elections office: { $phone }
ballot-county-web = County website
event-mailed = Your ballot was mailed to you.
event-mailed-again = A new ballot was mailed to you.
event-inbound = The postal service has your returned ballot.
event-received = Your county received your ballot.
event-accepted = Your ballot was accepted and will be counted.
event-not-accepted = Your ballot could not be counted.
event-contact-county = Your county needs you to contact them so that your ballot can be counted.
event-undeliverable = Your ballot could not be delivered to your address.
event-in-person = You voted in person.
event-other = Your ballot's status changed.
status-none = Not mailed yet
status-mailed = Mailed
status-inbound = On its way back to your county
status-received = Received by your county
status-accepted = Accepted
status-not-accepted = Not accepted
status-contact-county = Please contact your county
status-undeliverable = Could not be delivered
status-in-person = Voted in person

## My choices

preferences-title = My choices
preferences-contacts = Where we send messages
contact-confirmed = Confirmed
contact-unconfirmed = Not confirmed yet
contact-stopped = Stopped
contact-unreachable = Messages to this contact could not be delivered
preferences-stop-title = Stop messages or delete my data
preferences-stop-intro = You can stop one way of being told, all messages, or delete everything we keep about your sign-up. Your voter registration and your ballot are not affected.
stop-channel = Stop { $channel }
restart-channel = Restart { $channel }
stop-all = Stop all messages
delete-title = Delete my data
delete-intro = This deletes your contacts and choices. You will get no more messages. You can sign up again at any time.
delete-button = Delete my data
deleted = Your data is deleted. You will get no more messages.
stopped = No more messages will be sent there.
restarted = Messages will be sent there again.
unsubscribe-title = Stop messages
unsubscribe-intro = Stop all messages about your ballot to { $contact }?
unsubscribe-button = Stop these messages
added-title = Remove a new contact
added-intro = { $contact } was just added to the messages about this ballot. If you did not add it, remove it: it gets no more messages, and whoever signed in through it is signed out.
added-button = Remove this contact
added-removed = The contact was removed. It gets no more messages about this ballot.
added-invalid = This link no longer works: the contact was already removed or changed, or the link is more than 30 days old. To see your own contacts, sign in.

## Counties taking part

counties-title = Is my county taking part?
counties-intro = Each election, the counties taking part send ballot messages through this service.
counties-election = { $election }, { $date }
counties-taking-part = Taking part
counties-not-taking-part = Not taking part
counties-none = No election is scheduled at the moment.
counties-county = County
counties-status = Ballot messages

## Help

help-title = Help
help-what-title = What is this service?
help-what = The state and your county tell you by email, text message or phone call where your vote-by-mail ballot is: when it is mailed to you, when the county receives it, and whether it was counted.
help-who-title = Who can sign up?
help-who = Every registered California voter whose registration is active.
help-privacy-title = Your information
help-privacy = We use your contacts only for messages about your ballot, and we never share them. You can stop the messages or delete your data at any time.
help-stop-title = Stopping messages
help-stop = Reply STOP to a text message, use the link at the end of every email, or sign in and open "My choices".
help-contact-title = Questions about your ballot
help-contact = Your county elections office can answer questions about your registration and your ballot. The Secretary of State's voter hotline is { $phone }.
too-many-attempts-identity = Too many attempts for this person or contact. Please wait 15 minutes and try again.
code-held = A code was sent to { $contact } a short time ago. Please enter that code, or wait a few minutes before asking for a new one.
error-phone-country = We cannot send texts or calls to phone numbers in that country. Please enter a U.S. number, or choose email.
error-channel-taken = Messages on this channel already go to another contact of this voter. Only that contact can change it: sign in with it, or call your county elections office.
contact-not-yours = Only someone signed in with this contact can change or stop it.
