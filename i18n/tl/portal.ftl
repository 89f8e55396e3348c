# The voter pages ("Nasaan ang Aking Balota?"): every text a voter sees in a browser.
# Tagalog (tl). Register: polite "kayo/ninyo". Terms from /work/shared/spec/glossary.md.
# Placeholders in { $braces } are filled in by the service; keep them as they are.
# County names and election names stay as written (in English).

## Every page

site-name = Nasaan ang Aking Balota?
skip-link = Lumaktaw sa pangunahing nilalaman
nav-label = Pangunahing menu
nav-home = Simula
nav-sign-up = Mag-sign up
nav-sign-in = Mag-sign in
nav-my-ballot = Aking balota
nav-preferences = Aking mga pinili
nav-counties = Mga kalahok na county
nav-help = Tulong
nav-sign-out = Mag-sign out
language-label = Wika
language-change = Palitan ang wika
footer-text = Isang serbisyo ng Kalihim ng Estado ng California at ng tanggapan ng halalan ng inyong county. Hindi namin kailanman hihingin ang inyong Social Security number, ang numero ng inyong lisensya sa pagmamaneho, o anumang bayad.
error-summary-title = May problema
error-prefix = Mali:
button-continue = Magpatuloy
button-save = I-save
button-back = Bumalik
form-expired = Masyadong matagal na nakabukas ang pahinang ito, o naipadala ito nang dalawang beses. Pakisagutan itong muli.
too-many-attempts = Masyadong maraming pagtatangka mula rito. Pakihintay nang 15 minuto at subukang muli.
not-found-title = Hindi nakita ang pahina
not-found-text = Walang ganitong pahina. Suriin ang address, o pumunta sa pangunahing pahina.
server-error-title = Nagkaroon ng problema
server-error-text = Hindi namin makumpleto ang inyong kahilingan. Pakisubukang muli pagkalipas ng ilang minuto.

## Home

home-title = Subaybayan ang inyong balota sa koreo
home-intro = Mag-sign up para makatanggap ng email, text message, o tawag sa telepono kapag ipinadala na ng inyong county ang inyong balota sa koreo, kapag natanggap na ito ng county, at kapag nabilang na ito. Darating ang mga mensahe sa inyong wika, sa mga oras lamang na pipiliin ninyo.
home-how-title = Paano ito gumagana
home-step-identify = Sabihin sa amin kung sino kayo: ang inyong pangalan, petsa ng kapanganakan, at ZIP code, gaya ng nasa inyong rehistro bilang botante.
home-step-choose = Piliin kung paano at kailan namin kayo sasabihan, at kumpirmahin ang inyong email address o numero ng telepono gamit ang isang code.
home-step-follow = Sasabihan namin kayo tuwing may bagong nangyari sa inyong balota, hanggang sa mabilang ito.
home-sign-up = Mag-sign up
home-sign-in-text = Naka-sign up na ba kayo?
home-sign-in = Mag-sign in para makita ang inyong balota

## Sign-up: who you are

signup-title = Mag-sign up
signup-intro = Ilagay ang inyong impormasyon nang eksaktong katulad ng nasa inyong rehistro bilang botante. Kailangang sagutan ang lahat ng patlang.
field-first-name = Pangalan
field-last-name = Apelyido
field-dob = Petsa ng kapanganakan
field-dob-hint = MM-DD-YYYY (buwan, araw, taon), halimbawa 07-04-1980
field-zip = ZIP code
field-zip-hint = Ang ZIP code ng inyong tirahan sa California
error-first-name-missing = Ilagay ang inyong pangalan.
error-last-name-missing = Ilagay ang inyong apelyido.
error-name-too-long = Hanggang 100 karakter lamang ang maaaring haba ng isang pangalan.
error-dob-missing = Ilagay ang inyong petsa ng kapanganakan.
error-dob-format = Ilagay ang inyong petsa ng kapanganakan ayon sa buwan, araw, at taon: MM-DD-YYYY, halimbawa 07-04-1980.
error-dob-invalid = Walang ganyang petsa. Suriin ang buwan at ang araw: MM-DD-YYYY.
error-zip-format = Maglagay ng ZIP code na may 5 numero, halimbawa 95814.

## Sign-up: more than one voter matches

voter-id-title = Isa pang detalye
voter-id-intro = Mahigit sa isang botante ang tumutugma sa mga detalyeng ito. Ilagay ang inyong VoteCal ID ng botante para mahanap namin ang tamang botante. Makikita ninyo ito sa serbisyo ng estado para sa pagtingin ng katayuan ng botante.
field-voter-id = VoteCal ID ng botante
field-voter-id-hint = Mga titik at numero, gaya ng ipinapakita sa pagtingin ng katayuan ng botante
error-voter-id-format = Maglagay ng ID ng botante na binubuo lamang ng mga titik at numero.

## Sign-up: no match

no-match-title = Hindi namin kayo ma-sign up gamit ang impormasyong ito
no-match-intro = Wala kaming nakitang rehistro bilang botante na magagamit namin para i-sign up kayo gamit ang mga detalyeng ito. Ang mga karaniwang dahilan ay:
no-match-cause-typo = Iba ang pagkakasulat ng inyong pangalan o petsa ng kapanganakan noong nagparehistro kayo: isang palayaw, gitnang pangalan, gitling, nawawalang tuldik, o mali sa pag-type.
no-match-cause-recent = Kamakailan lamang kayo nagparehistro o nagbago ng inyong rehistro, at hindi pa umaabot sa amin ang pagbabago. Pakisubukang muli pagkalipas ng ilang araw.
no-match-cause-status = Hindi aktibo ang inyong rehistro sa ngayon.
no-match-cause-overseas = Nakatira kayo sa labas ng Estados Unidos at inilagay ninyo ang postal code ng inyong tirahan sa ibang bansa. Sa halip, ilagay ang ZIP code ng inyong huling tirahan sa California.
no-match-cause-format = Hindi nakasulat ang petsa ng kapanganakan ayon sa pagkakasunod-sunod na buwan, araw, taon (MM-DD-YYYY).
no-match-lookup = Suriin ang inyong rehistro
no-match-lookup-text = Ipinapakita ng pagtingin ng katayuan ng botante ng Kalihim ng Estado ang inyong rehistro ayon sa talaan ng estado.
no-match-county = Matutulungan din kayo ng tanggapan ng halalan ng inyong county.
no-match-county-link = Hanapin ang tanggapan ng halalan ng inyong county
no-match-again = Subukang muli

## Sign-up and "My choices": how and when

prefs-title = Paano at kailan namin kayo sasabihan
prefs-intro = Pumili ng isa o higit pang paraan para masabihan kayo. Kinukumpirma muna namin ang bawat email address at numero ng telepono gamit ang isang code bago kami magpadala ng anuman dito.
prefs-language = Wika ng inyong mga mensahe
prefs-channels = Paano namin kayo sasabihan?
channel-email = Email
channel-sms = Text message
channel-voice = Tawag sa telepono
field-email = Email address
field-sms = Numero ng cellphone para sa mga text message
field-voice = Numero ng telepono para sa mga tawag
field-phone-hint = Halimbawa: (916) 555-0100. Ang numerong nasa labas ng Estados Unidos ay nagsisimula sa + at sa code ng bansa.
prefs-hours = Ang inyong mga oras
prefs-hours-hint = Wala kaming ipinapadala sa labas ng mga oras na ito: naghihintay ang mensahe hanggang magsimula ang inyong mga oras.
field-hours-from = Mula
field-hours-to = Hanggang
field-time-zone = Sona ng oras
field-time-zone-hint = Kung nakatira kayo sa labas ng California, piliin ang sona ng oras ng lugar kung saan kayo nakatira.
error-no-channel = Pumili ng kahit isang paraan para masabihan kayo, at ilagay ang address o numero nito.
error-email = Maglagay ng email address na tulad ng name@example.com.
error-phone = Maglagay ng numero ng telepono na nakakatanggap ng mga mensahe, tulad ng (916) 555-0100.
error-hours = Dapat magsimula ang inyong mga oras bago ito matapos.
error-time-zone = Pumili ng sona ng oras mula sa listahan.
prefs-saved = Nai-save na ang inyong mga pinili.
prefs-confirm-new = Nagpadala kami ng code para kumpirmahin ang bagong contact.

## Confirming a contact

confirm-title = Kumpirmahin ang inyong contact
confirm-intro = Nagpadala kami ng code na may 6 na numero sa bawat contact sa ibaba. Ilagay dito ang mga code. Wala kaming ipapadala sa isang contact hangga't hindi ito nakukumpirma.
confirm-code-for = Code na ipinadala sa { $contact }
confirm-voice-note = Tinatawagan namin ang numerong ito para basahin sa inyo ang code.
confirm-expires = May bisa ang mga code nang 15 minuto.
confirm-resend = Magpadala ng mga bagong code
confirm-resent = Nagpadala kami ng mga bagong code.
confirm-send-failed = Hindi kami nakapagpadala ng code sa { $contact }. Suriin ito, o subukang muli mamaya.
error-code = Hindi tama ang code na ito, o lumipas na ang bisa nito. Suriin ito, o humingi ng bagong code.
error-code-format = Ilagay ang 6 na numero ng code.
confirm-done = Naka-sign up na kayo. Sasabihan namin kayo tuwing may bagong nangyari sa inyong balota.

## Signing in

signin-title = Mag-sign in
signin-intro = Ilagay ang email address o numero ng telepono na ginamit ninyo sa pag-sign up. Kung nakumpirma na ito, padadalhan namin ito ng code.
field-contact = Email address o numero ng telepono
error-contact = Maglagay ng email address o numero ng telepono.
signin-code-title = Ilagay ang inyong code
signin-code-intro = Kung naka-sign up at nakumpirma na ang contact na ito, pinadalhan namin ito ng code na may 6 na numero. May bisa ito nang 15 minuto.
field-code = Code
signin-button = Mag-sign in
signin-other = Gumamit ng ibang contact
signed-out = Naka-sign out na kayo.
session-expired = Mangyaring mag-sign in muli.

## My ballot

ballot-title = Aking balota
ballot-voter = Mga mensahe para kay { $name }, County ng { $county }
ballot-none = Wala pa kaming talaan ng balota sa koreo para sa inyo. Kapag nagpadala sa inyo ang inyong county ng balota, lalabas ito rito at sasabihan namin kayo.
ballot-election = { $election }, { $date }
ballot-status = Katayuan
ballot-timeline = Mga nangyari
ballot-past = Mga nakaraang halalan
ballot-deadline-return = Dapat may tatak-koreo ang inyong balota na hindi lalampas sa araw ng halalan, { $date }, o maihulog ito sa isang kahon na hulugan ng balota o maibigay sa isang lugar ng botohan hanggang 8 ng gabi sa araw na iyon.
ballot-deadline-cure = Makipag-ugnayan sa inyong county hanggang { $date } para mabilang ang inyong balota.
ballot-county-contact = Tanggapan ng halalan ng County ng { $county }: { $phone }
ballot-county-web = Website ng county
event-mailed = Naipadala na sa inyo ang inyong balota.
event-mailed-again = Pinadalhan kayo ng bagong balota.
event-inbound = Nasa serbisyo ng koreo na ang ibinalik ninyong balota.
event-received = Natanggap na ng inyong county ang inyong balota.
event-accepted = Tinanggap ang inyong balota at ito ay bibilangin.
event-not-accepted = Hindi nabilang ang inyong balota.
event-contact-county = Kailangan ninyong makipag-ugnayan sa inyong county para mabilang ang inyong balota.
event-undeliverable = Hindi naihatid ang inyong balota sa inyong tirahan.
event-in-person = Bumoto kayo nang personal.
event-other = Nagbago ang katayuan ng inyong balota.
status-none = Hindi pa naipapadala
status-mailed = Naipadala na
status-inbound = Pabalik na sa inyong county
status-received = Natanggap na ng inyong county
status-accepted = Tinanggap
status-not-accepted = Hindi tinanggap
status-contact-county = Pakiusap, makipag-ugnayan sa inyong county
status-undeliverable = Hindi naihatid
status-in-person = Bumoto nang personal

## My choices

preferences-title = Aking mga pinili
preferences-contacts = Kung saan namin ipinapadala ang mga mensahe
contact-confirmed = Nakumpirma na
contact-unconfirmed = Hindi pa nakukumpirma
contact-stopped = Inihinto
contact-unreachable = Hindi maihatid ang mga mensahe sa contact na ito
preferences-stop-title = Ihinto ang mga mensahe o burahin ang aking datos
preferences-stop-intro = Maaari ninyong ihinto ang isang paraan ng pagpapaalam sa inyo, ang lahat ng mensahe, o burahin ang lahat ng itinatago namin tungkol sa inyong pag-sign up. Hindi maaapektuhan ang inyong rehistro bilang botante at ang inyong balota.
stop-channel = Ihinto ang { $channel }
restart-channel = Ituloy muli ang { $channel }
stop-all = Ihinto ang lahat ng mensahe
delete-title = Burahin ang aking datos
delete-intro = Buburahin nito ang inyong mga contact at mga pinili. Hindi na kayo makakatanggap ng mga mensahe. Maaari kayong mag-sign up muli anumang oras.
delete-button = Burahin ang aking datos
deleted = Nabura na ang inyong datos. Hindi na kayo makakatanggap ng mga mensahe.
stopped = Wala nang ipapadalang mensahe roon.
restarted = Muling magpapadala ng mga mensahe roon.
unsubscribe-title = Ihinto ang mga mensahe
unsubscribe-intro = Ihinto ang lahat ng mensahe tungkol sa inyong balota na ipinapadala sa { $contact }?
unsubscribe-button = Ihinto ang mga mensaheng ito
added-title = Alisin ang bagong contact
added-intro = Kadaragdag lang ng { $contact } sa mga mensahe tungkol sa balotang ito. Kung hindi kayo ang nagdagdag nito, alisin ito: hindi na ito makakatanggap ng mga mensahe, at masa-sign out ang sinumang nag-sign in gamit ito.
added-button = Alisin ang contact na ito
added-removed = Naalis na ang contact. Hindi na ito makakatanggap ng mga mensahe tungkol sa balotang ito.
added-invalid = Hindi na gumagana ang link na ito: naalis o napalitan na ang contact, o higit 30 araw na ang link. Para makita ang sarili ninyong mga contact, mag-sign in.

## Counties taking part

counties-title = Kalahok ba ang aking county?
counties-intro = Sa bawat halalan, nagpapadala ang mga kalahok na county ng mga mensahe tungkol sa balota sa pamamagitan ng serbisyong ito.
counties-election = { $election }, { $date }
counties-taking-part = Kalahok
counties-not-taking-part = Hindi kalahok
counties-none = Walang nakatakdang halalan sa ngayon.
counties-county = County
counties-status = Mga mensahe tungkol sa balota

## Help

help-title = Tulong
help-what-title = Ano ang serbisyong ito?
help-what = Ipinapaalam sa inyo ng estado at ng inyong county sa pamamagitan ng email, text message, o tawag sa telepono kung nasaan ang inyong balota sa koreo: kapag naipadala na ito sa inyo, kapag natanggap na ito ng county, at kung nabilang ito.
help-who-title = Sino ang maaaring mag-sign up?
help-who = Bawat rehistradong botante sa California na aktibo ang rehistro.
help-privacy-title = Ang inyong impormasyon
help-privacy = Ginagamit lamang namin ang inyong mga contact para sa mga mensahe tungkol sa inyong balota, at hindi namin ibinabahagi ang mga ito kailanman. Maaari ninyong ihinto ang mga mensahe o burahin ang inyong datos anumang oras.
help-stop-title = Paghinto ng mga mensahe
help-stop = Sumagot ng STOP sa isang text message, gamitin ang link sa dulo ng bawat email, o mag-sign in at buksan ang "Aking mga pinili".
help-contact-title = Mga tanong tungkol sa inyong balota
help-contact = Masasagot ng tanggapan ng halalan ng inyong county ang mga tanong tungkol sa inyong rehistro at sa inyong balota. Ang hotline para sa mga botante ng Kalihim ng Estado ay { $phone }.
too-many-attempts-identity = Masyadong maraming pagtatangka para sa taong ito o sa contact na ito. Pakihintay nang 15 minuto at subukang muli.
code-held = Nagpadala kami ng code sa { $contact } kani-kanina lang. Pakilagay ang code na iyon, o maghintay nang ilang minuto bago humingi ng bago.
error-phone-country = Hindi kami makapagpadala ng text o tawag sa mga numero ng telepono sa bansang iyon. Maglagay ng numero sa Estados Unidos, o piliin ang email.
error-channel-taken = Ang mga mensahe sa paraang ito ay napupunta na sa ibang contact ng botanteng ito. Ang contact na iyon lamang ang makapagpapalit nito: mag-sign in gamit iyon, o tawagan ang tanggapan ng halalan ng inyong county.
contact-not-yours = Ang naka-sign in lamang gamit ang contact na ito ang makapagpapalit o makapagpapahinto nito.
