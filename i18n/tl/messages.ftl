### Ballot tracking messages, Tagalog (tl). Register: polite "kayo/ninyo", "po" in voice.
### Terms from /work/shared/spec/glossary.md: balota sa koreo, tanggapan ng halalan ng
### county, Nasaan ang Aking Balota?, lagda, nabilang / tinanggap, mag-sign up.
### County names stay in English ("County ng { $county }").
###
### Plurals: CLDR "one" for Filipino covers many integers (1, 2, 3, 5, 7, 8, 10, 11 …),
### not only 1, so both $days variants must use { $days }, never a literal "1".
###
### See en/messages.ftl for what each attribute and variable means.

## Dates. $month is the month's name from month-1 … month-12.

month-1 = Enero
month-2 = Pebrero
month-3 = Marso
month-4 = Abril
month-5 = Mayo
month-6 = Hunyo
month-7 = Hulyo
month-8 = Agosto
month-9 = Setyembre
month-10 = Oktubre
month-11 = Nobyembre
month-12 = Disyembre
date-long = { $month } { $day }, { $year }

## Message kinds

confirmation =
    .email-subject = Naka-sign up na kayo para sa mga abiso tungkol sa balota mula sa County ng { $county }
    .email-body =
        Salamat sa pag-sign up ninyo sa Nasaan ang Aking Balota? sa tanggapan ng halalan ng County ng { $county }.

        Sasabihan namin kayo kapag naipadala na sa inyo ang inyong balota sa koreo, kapag natanggap na namin ito, at kapag nabilang na ito. Kung may problema sa inyong balota, sasabihin namin sa inyo kung paano ito aayusin.

        May tanong? Tumawag sa { $county_phone } o bisitahin ang { $county_web }.
    .sms = County ng { $county }: Naka-sign up na kayo para sa mga abiso tungkol sa balota. Sumagot ng HELP para sa tulong, STOP para huminto.
    .voice = Magandang araw po. Ito ang tanggapan ng halalan ng County ng { $county }. Naka-sign up na kayo para makatanggap ng mga abiso tungkol sa inyong balota sa koreo. Tatawagan namin kayo kapag naipadala na, natanggap na, at nabilang na ang inyong balota. Salamat po.

# $expected_from, $expected_to: the dates the ballot should arrive between.
outbound =
    .email-subject = Naipadala na sa koreo ang inyong balota para sa halalan sa { $election_date }
    .email-body =
        Ipinadala na sa inyo ng tanggapan ng halalan ng County ng { $county } ang inyong balota sa koreo para sa halalan sa { $election_date }.

        Dapat itong dumating sa pagitan ng { $expected_from } at { $expected_to }.

        Kung hindi pa ito dumarating pagsapit ng panahong iyon, tumawag sa { $county_phone } o bisitahin ang { $county_web }.
    .sms = County ng { $county }: Naipadala na sa koreo ang inyong balota para sa halalan sa { $election_date }. Dapat itong dumating sa pagitan ng { $expected_from } at { $expected_to }.
    .voice = Magandang araw po. Ito ang tanggapan ng halalan ng County ng { $county }. Naipadala na sa inyo ang inyong balota sa koreo para sa halalan sa { $election_date }. Dapat itong dumating sa pagitan ng { $expected_from } at { $expected_to }. Kung hindi pa ito dumarating pagsapit ng panahong iyon, pakitawagan ang { $county_phone }.

inbound =
    .email-subject = Pabalik na ang inyong balota sa County ng { $county }
    .email-body =
        Nasa serbisyo ng koreo na ang ibinalik ninyong balota sa koreo, at dinadala na ito sa tanggapan ng halalan ng County ng { $county }.

        Sasabihan namin kayo kapag natanggap na namin ito.
    .sms = County ng { $county }: Nasa serbisyo ng koreo na ang ibinalik ninyong balota at dinadala na ito sa amin. Sasabihan namin kayo kapag natanggap na namin ito.
    .voice = Magandang araw po. Ito ang tanggapan ng halalan ng County ng { $county }. Nasa serbisyo ng koreo na ang ibinalik ninyong balota sa koreo, at dinadala na ito sa amin. Ipapaalam namin sa inyo kapag natanggap na namin ito.

received =
    .email-subject = Natanggap na ng County ng { $county } ang inyong balota
    .email-body =
        Natanggap na ng tanggapan ng halalan ng County ng { $county } ang inyong balota sa koreo para sa halalan sa { $election_date }.

        Sinusuri na namin ngayon ang inyong lagda. Sasabihan namin kayo kapag nabilang na ang inyong balota.
    .sms = County ng { $county }: Natanggap na namin ang inyong balota para sa halalan sa { $election_date }. Sasabihan namin kayo kapag nabilang na ito.
    .voice = Magandang araw po. Ito ang tanggapan ng halalan ng County ng { $county }. Natanggap na namin ang inyong balota sa koreo para sa halalan sa { $election_date }. Ipapaalam namin sa inyo kapag nabilang na ito.

accepted =
    .email-subject = Nabilang na ang inyong balota
    .email-body =
        Ang inyong balota sa koreo para sa halalan sa { $election_date } ay tinanggap at nabilang na ng tanggapan ng halalan ng County ng { $county }.

        Salamat sa inyong pagboto.
    .sms = County ng { $county }: Nabilang na ang inyong balota para sa halalan sa { $election_date }. Salamat sa inyong pagboto!
    .voice = Magandang araw po. Ito ang tanggapan ng halalan ng County ng { $county }. Ang inyong balota sa koreo para sa halalan sa { $election_date } ay tinanggap at nabilang na. Salamat po sa inyong pagboto.

# $reason: why, from one of the reason-* messages below.
not-accepted =
    .email-subject = Hindi nabilang ang inyong balota
    .email-body =
        Hindi nabilang ng tanggapan ng halalan ng County ng { $county } ang inyong balota sa koreo para sa halalan sa { $election_date }.

        Dahilan: { $reason }

        Para sa karagdagang impormasyon, tumawag sa { $county_phone } o bisitahin ang { $county_web }.
    .sms = County ng { $county }: Hindi nabilang ang inyong balota para sa halalan sa { $election_date }. Dahilan: { $reason } Tumawag sa { $county_phone }.
    .voice = Magandang araw po. Ito ang tanggapan ng halalan ng County ng { $county }. Hindi nabilang ang inyong balota sa koreo para sa halalan sa { $election_date }. Ang dahilan ay: { $reason } Para sa karagdagang impormasyon, pakitawagan ang { $county_phone }.

# $reason: what is wrong; $cure_deadline: the last day to fix it.
contact-county =
    .email-subject = Kailangan ninyong kumilos: hindi mabibilang ang inyong balota hangga't hindi kayo nakikipag-ugnayan sa County ng { $county }
    .email-body =
        May problema sa inyong balota sa koreo para sa halalan sa { $election_date }: { $reason }

        Hindi mabibilang ang inyong balota hangga't hindi ninyo ito naaayos. Makipag-ugnayan sa tanggapan ng halalan ng County ng { $county } hanggang { $cure_deadline }: tumawag sa { $county_phone } o bisitahin ang { $county_web } para makuha ang pormularyong kailangan ninyong lagdaan at ibalik.
    .sms = County ng { $county }: Hindi pa mabibilang ang inyong balota. { $reason } Ayusin ito hanggang { $cure_deadline }: tumawag sa { $county_phone }.
    .voice = Magandang araw po. Ito ang tanggapan ng halalan ng County ng { $county }. May problema sa inyong balota sa koreo, at hindi ito mabibilang hangga't hindi ninyo ito naaayos. { $reason } Pakitawagan po kami sa { $county_phone } hanggang { $cure_deadline }.

undeliverable =
    .email-subject = Hindi naihatid ang inyong balota
    .email-body =
        Hindi naihatid ng serbisyo ng koreo ang balota sa koreo na ipinadala sa inyo ng tanggapan ng halalan ng County ng { $county } para sa halalan sa { $election_date }.

        Pakitiyak na tama ang inyong tirahan. Tumawag sa { $county_phone } o bisitahin ang { $county_web } para makakuha ng bagong balota o para malaman kung saan kayo maaaring bumoto nang personal.
    .sms = County ng { $county }: Hindi naihatid ang inyong balota para sa halalan sa { $election_date }. Tumawag sa { $county_phone } para sa bagong balota.
    .voice = Magandang araw po. Ito ang tanggapan ng halalan ng County ng { $county }. Hindi naihatid ng serbisyo ng koreo ang inyong balota sa koreo para sa halalan sa { $election_date }. Pakitawagan po kami sa { $county_phone } para makakuha ng bagong balota.

# $expected_from, $expected_to: the dates the new ballot should arrive between.
reissued =
    .email-subject = Pinadalhan kayo ng bagong balota sa koreo
    .email-body =
        Pinadalhan kayo ng tanggapan ng halalan ng County ng { $county } ng bagong balota sa koreo para sa halalan sa { $election_date }. Ang bagong balotang ito lamang ang bibilangin; pakiusap, huwag nang ibalik ang luma.

        Dapat itong dumating sa pagitan ng { $expected_from } at { $expected_to }.
    .sms = County ng { $county }: Naipadala na ang bagong balota para sa halalan sa { $election_date }. Ang bago lamang ang gamitin. Dapat itong dumating sa pagitan ng { $expected_from } at { $expected_to }.
    .voice = Magandang araw po. Ito ang tanggapan ng halalan ng County ng { $county }. Pinadalhan kayo ng bagong balota sa koreo para sa halalan sa { $election_date }. Pakiusap, ang bagong balota lamang ang gamitin. Dapat itong dumating sa pagitan ng { $expected_from } at { $expected_to }.

in-person =
    .email-subject = Bumoto kayo nang personal
    .email-body =
        Ayon sa aming talaan, bumoto kayo nang personal sa halalan sa { $election_date }.

        Salamat sa inyong pagboto. Hindi na ninyo kailangang ibalik ang inyong balota sa koreo.
    .sms = County ng { $county }: Ayon sa aming talaan, bumoto kayo nang personal sa halalan sa { $election_date }. Salamat sa inyong pagboto!
    .voice = Magandang araw po. Ito ang tanggapan ng halalan ng County ng { $county }. Ayon sa aming talaan, bumoto kayo nang personal sa halalan sa { $election_date }. Salamat po sa inyong pagboto.

# $days: days left until election day.
return-reminder =
    .email-subject = Paalala: ibalik ang inyong balota hanggang { $election_date }
    .email-body =
        Hindi pa namin natatanggap ang inyong balota sa koreo para sa halalan sa { $election_date }. { $days ->
            [one] May natitira pang { $days } araw.
           *[other] May natitira pang { $days } araw.
        }

        Ipadala ito sa koreo nang may tatak-koreo na hindi lalampas sa { $election_date }, o dalhin ito sa isang kahon na hulugan ng balota o sa isang sentro ng pagboto hanggang 8:00 ng gabi sa araw na iyon. May tanong? Tumawag sa { $county_phone } o bisitahin ang { $county_web }.
    .sms = County ng { $county }: Hindi pa namin natatanggap ang inyong balota. Ipadala ito sa koreo hanggang { $election_date } o ihulog sa kahon na hulugan ng balota hanggang 8 ng gabi sa araw na iyon.
    .voice = Magandang araw po. Ito ang tanggapan ng halalan ng County ng { $county }. Hindi pa namin natatanggap ang inyong balota sa koreo. Pakipadala ito sa koreo hanggang { $election_date }, o dalhin ito sa isang kahon na hulugan ng balota o sa isang sentro ng pagboto hanggang alas-otso ng gabi sa araw ng halalan.

# $reason: what is wrong; $cure_deadline: the last day to fix it; $days: days left.
cure-reminder =
    .email-subject = Paalala: ayusin ang problema sa inyong balota hanggang { $cure_deadline }
    .email-body =
        Hindi pa rin maaaring bilangin ang inyong balota sa koreo para sa halalan sa { $election_date }: { $reason }

        { $days ->
            [one] May natitira pang { $days } araw para ayusin ito.
           *[other] May natitira pang { $days } araw para ayusin ito.
        } Makipag-ugnayan sa tanggapan ng halalan ng County ng { $county } hanggang { $cure_deadline }: tumawag sa { $county_phone } o bisitahin ang { $county_web }.
    .sms = County ng { $county }: Hindi pa rin maaaring bilangin ang inyong balota. Ayusin ito hanggang { $cure_deadline }: tumawag sa { $county_phone }.
    .voice = Magandang araw po. Ito ang tanggapan ng halalan ng County ng { $county }. Hindi pa rin maaaring bilangin ang inyong balota sa koreo. Pakitawagan po kami sa { $county_phone } hanggang { $cure_deadline } para mabilang ang inyong boto.

## Reasons a ballot was not counted or needs a fix, by status code.

reason-vav = Nakaboto na kayo sa halalang ito.
reason-bme = Walang balota sa loob ng sobre.
reason-vdd = Ayon sa aming talaan, pumanaw na ang botante.
reason-mia = Wala o mali ang tirahan sa sobre.
reason-mre = Mahigit sa isang balota ang nasa sobre.
reason-not = Huli nang dumating ang balota.
reason-oth = Maraming problema ang nakita sa balota.
reason-cld = Kinansela ang balota.
reason-nvs = Hindi nilagdaan ang sobre.
reason-nms = Hindi tugma ang lagda sa sobre sa lagdang nasa aming talaan.
reason-inf = Kailangan ng tanggapan ng halalan ng karagdagang impormasyon mula sa inyo.
reason-nid = Hindi naibigay ang pagkakakilanlang kinakailangan para sa mga unang beses na botante.

## Parts around every message

# $unsubscribe_url: a link that stops these emails in one click.
email-footer = Natatanggap ninyo ang mga mensaheng ito dahil nag-sign up kayo para sa mga abiso tungkol sa balota mula sa County ng { $county }. Para ihinto ang mga ito, bisitahin ang { $unsubscribe_url }
email-unsubscribe-link = Ihinto ang mga mensaheng ito
sms-help = Mga abiso tungkol sa balota mula sa County ng { $county }. Mga tanong: { $county_phone }. Sumagot ng STOP para huminto, START para muling makatanggap.
sms-stopped = County ng { $county }: Hindi na kayo makakatanggap ng mga mensahe tungkol sa balota. Sumagot ng START para muling makatanggap.
sms-started = County ng { $county }: Muli kayong makakatanggap ng mga mensahe tungkol sa balota. Sumagot ng STOP para huminto.
voice-goodbye = Salamat po. Paalam.

## One-time codes (confirming a contact, signing in)

# $code: the 6-digit code; $code_spoken: its digits one by one, for voice.
code =
    .email-subject = Ang inyong code sa Nasaan ang Aking Balota?: { $code }
    .email-body =
        Ang inyong code ay { $code }. Ilagay ito sa pahina ng Nasaan ang Aking Balota? para kumpirmahin ang email address na ito o para mag-sign in. May bisa ito nang 15 minuto.

        Kung hindi kayo ang humingi ng code na ito, maaari ninyong balewalain ang email na ito.
    .sms = Ang inyong code sa Nasaan ang Aking Balota?: { $code }. May bisa ito nang 15 minuto. Kung hindi kayo ang humingi nito, huwag itong pansinin.
    .voice = Magandang araw po. Ito ang Nasaan ang Aking Balota, ang serbisyo ng California para sa pagsubaybay ng balota. Ang inyong code ay { $code_spoken }. Muli po, ang inyong code ay { $code_spoken }. Paalam po.

# Sent to each confirmed contact when another contact joins the sign-up.
contact-added =
    .email-subject = May bagong contact na idinagdag sa inyong mga mensahe ng Nasaan ang Aking Balota?
    .email-body =
        Kadaragdag lang ng { $added ->
            [email] email address na { $contact }
            [sms] numerong { $contact } (text message)
           *[voice] numerong { $contact } (tawag sa telepono)
        } sa mga mensahe ng Nasaan ang Aking Balota? tungkol sa inyong balota.

        Kung kayo ang nagdagdag nito, wala kayong kailangang gawin. Kung hindi kayo, alisin ito dito: { $remove_url }
    .sms = Nasaan ang Aking Balota?: idinagdag ang { $contact } sa inyong mga mensahe. Hindi kayo? Alisin ito: { $remove_url }
    .voice =
        Kumusta. Ito ang Nasaan ang Aking Balota?, ang serbisyo ng California sa pagsubaybay ng balota. Kadaragdag lang ng bagong { $added ->
            [email] email address
           *[other] numero ng telepono
        } sa mga mensahe tungkol sa inyong balota. Kung hindi kayo ang nagdagdag nito, tawagan ang tanggapan ng halalan ng inyong county. Paalam.

# In every email, after the message: the voter's own link to their ballot and choices.
email-manage = Tingnan ang inyong balota at baguhin ang inyong mga pinili: { $manage_url }

## Contact County after the cure deadline.
contact-county-passed =
    .email-subject = May problema sa inyong balota: makipag-ugnayan sa County ng { $county }
    .email-body =
        May problema sa inyong balota sa koreo para sa halalan sa { $election_date }: { $reason }

        Lumipas na ang huling araw para ayusin ito. Tumawag sa tanggapan ng halalan ng County ng { $county } sa { $county_phone } o bisitahin ang { $county_web } para malaman kung ano pa ang maaari ninyong gawin.
    .sms = County ng { $county }: May problema sa inyong balota. { $reason } Lumipas na ang huling araw para ayusin ito. Tumawag sa { $county_phone }.
    .voice = Magandang araw po. Ito ang tanggapan ng halalan ng County ng { $county }. May problema sa inyong balota sa koreo. { $reason } Lumipas na ang huling araw para ayusin ito. Pakitawagan po kami sa { $county_phone }.

reasons-more = { $count ->
        [one] At 1 pang problema.
       *[other] At { $count } pang problema.
    }

## Replies to a number no subscription uses.
sms-help-state = Pagsubaybay sa balota ng California (Nasaan ang Aking Balota?). Mga tanong: { $county_phone }. Sumagot ng STOP para huminto, START para muling makatanggap.
sms-stopped-state = Pagsubaybay sa balota ng California: Hindi na kayo makakatanggap ng mga mensahe tungkol sa balota. Sumagot ng START para muling makatanggap.
sms-started-state = Pagsubaybay sa balota ng California: Muli kayong makakatanggap ng mga mensahe tungkol sa balota. Sumagot ng STOP para huminto.
