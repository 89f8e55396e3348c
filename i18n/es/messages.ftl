### Ballot tracking messages, Spanish (es). Register: formal "usted".
### Terms from /work/shared/spec/glossary.md: boleta de voto por correo,
### oficina electoral del condado, ¿Dónde está mi boleta?, firma, contada / aceptada,
### inscribirse. County names stay in English ("Condado de { $county }").
###
### See en/messages.ftl for what each attribute and variable means.

## Dates. $month is the month's name from month-1 … month-12.

month-1 = enero
month-2 = febrero
month-3 = marzo
month-4 = abril
month-5 = mayo
month-6 = junio
month-7 = julio
month-8 = agosto
month-9 = septiembre
month-10 = octubre
month-11 = noviembre
month-12 = diciembre
date-long = { $day } de { $month } de { $year }

## Message kinds

confirmation =
    .email-subject = Confirmación: recibirá avisos sobre su boleta del Condado de { $county }
    .email-body =
        Gracias por inscribirse en ¿Dónde está mi boleta? con la oficina electoral del Condado de { $county }.

        Le avisaremos cuando le enviemos su boleta de voto por correo, cuando la recibamos y cuando sea contada. Si hay algún problema con su boleta, le indicaremos cómo corregirlo.

        ¿Tiene preguntas? Llame al { $county_phone } o visite { $county_web }.
    .sms = Condado de { $county }: Se inscribió para recibir avisos sobre su boleta. Responda HELP para obtener ayuda o STOP para cancelarlos.
    .voice = Hola. Le habla la oficina electoral del Condado de { $county }. A partir de ahora, recibirá avisos sobre su boleta de voto por correo. Le llamaremos cuando su boleta sea enviada, recibida y contada. Gracias.

# $expected_from, $expected_to: the dates the ballot should arrive between.
outbound =
    .email-subject = Su boleta para la elección del { $election_date } ya fue enviada por correo
    .email-body =
        La oficina electoral del Condado de { $county } le ha enviado su boleta de voto por correo para la elección del { $election_date }.

        Debería llegarle entre el { $expected_from } y el { $expected_to }.

        Si no la ha recibido para entonces, llame al { $county_phone } o visite { $county_web }.
    .sms = Condado de { $county }: Su boleta para la elección del { $election_date } ya fue enviada. Debe llegar entre el { $expected_from } y el { $expected_to }.
    .voice = Hola. Le habla la oficina electoral del Condado de { $county }. Le hemos enviado su boleta de voto por correo para la elección del { $election_date }. Debería llegarle entre el { $expected_from } y el { $expected_to }. Si no la ha recibido para entonces, por favor llame al { $county_phone }.

inbound =
    .email-subject = Su boleta va de regreso al Condado de { $county }
    .email-body =
        El Servicio Postal tiene la boleta de voto por correo que usted devolvió y la está llevando a la oficina electoral del Condado de { $county }.

        Le avisaremos cuando la recibamos.
    .sms = Condado de { $county }: El Servicio Postal tiene la boleta que usted devolvió y nos la está trayendo. Le avisaremos cuando la recibamos.
    .voice = Hola. Le habla la oficina electoral del Condado de { $county }. El Servicio Postal tiene la boleta de voto por correo que usted devolvió y nos la está trayendo. Le avisaremos cuando la recibamos.

received =
    .email-subject = El Condado de { $county } recibió su boleta
    .email-body =
        La oficina electoral del Condado de { $county } recibió su boleta de voto por correo para la elección del { $election_date }.

        Ahora estamos verificando su firma. Le avisaremos cuando su boleta sea contada.
    .sms = Condado de { $county }: Recibimos su boleta para la elección del { $election_date }. Le avisaremos cuando sea contada.
    .voice = Hola. Le habla la oficina electoral del Condado de { $county }. Recibimos su boleta de voto por correo para la elección del { $election_date }. Le avisaremos cuando sea contada.

accepted =
    .email-subject = Su boleta fue contada
    .email-body =
        Su boleta de voto por correo para la elección del { $election_date } fue aceptada y contada por la oficina electoral del Condado de { $county }.

        Gracias por votar.
    .sms = Condado de { $county }: Su boleta para la elección del { $election_date } fue contada. ¡Gracias por votar!
    .voice = Hola. Le habla la oficina electoral del Condado de { $county }. Su boleta de voto por correo para la elección del { $election_date } fue aceptada y contada. Gracias por votar.

# $reason: why, from one of the reason-* messages below.
not-accepted =
    .email-subject = Su boleta no pudo ser contada
    .email-body =
        La oficina electoral del Condado de { $county } no pudo contar su boleta de voto por correo para la elección del { $election_date }.

        Motivo: { $reason }

        Para obtener más información, llame al { $county_phone } o visite { $county_web }.
    .sms = Condado de { $county }: No se pudo contar su boleta de la elección del { $election_date }. Motivo: { $reason } Llame al { $county_phone }.
    .voice = Hola. Le habla la oficina electoral del Condado de { $county }. Su boleta de voto por correo para la elección del { $election_date } no pudo ser contada. El motivo es el siguiente: { $reason } Para obtener más información, por favor llame al { $county_phone }.

# $reason: what is wrong; $cure_deadline: the last day to fix it.
contact-county =
    .email-subject = Acción requerida: su boleta no será contada hasta que se comunique con el Condado de { $county }
    .email-body =
        Hay un problema con su boleta de voto por correo para la elección del { $election_date }: { $reason }

        Su boleta no será contada hasta que usted corrija el problema. Comuníquese con la oficina electoral del Condado de { $county } a más tardar el { $cure_deadline }: llame al { $county_phone } o visite { $county_web } para obtener el formulario que debe firmar y devolver.
    .sms = Condado de { $county }: Aún no se puede contar su boleta. { $reason } Plazo para corregirlo: { $cure_deadline }. Llame al { $county_phone }.
    .voice = Hola. Le habla la oficina electoral del Condado de { $county }. Hay un problema con su boleta de voto por correo, y no será contada hasta que usted lo corrija. { $reason } Por favor llámenos al { $county_phone } a más tardar el { $cure_deadline }.

undeliverable =
    .email-subject = No se pudo entregar su boleta
    .email-body =
        El Servicio Postal no pudo entregar la boleta de voto por correo que la oficina electoral del Condado de { $county } le envió para la elección del { $election_date }.

        Por favor, verifique que su dirección sea correcta. Llame al { $county_phone } o visite { $county_web } para obtener una boleta nueva o saber dónde puede votar en persona.
    .sms = Condado de { $county }: No se pudo entregar su boleta para la elección del { $election_date }. Llame al { $county_phone } para pedir una nueva.
    .voice = Hola. Le habla la oficina electoral del Condado de { $county }. El Servicio Postal no pudo entregar su boleta de voto por correo para la elección del { $election_date }. Por favor llámenos al { $county_phone } para obtener una boleta nueva.

# $expected_from, $expected_to: the dates the new ballot should arrive between.
reissued =
    .email-subject = Le enviamos una boleta nueva por correo
    .email-body =
        La oficina electoral del Condado de { $county } le ha enviado una nueva boleta de voto por correo para la elección del { $election_date }. Solo se contará esta nueva boleta; por favor, no devuelva la anterior.

        Debería llegarle entre el { $expected_from } y el { $expected_to }.
    .sms = Condado de { $county }: Le enviamos una boleta nueva para la elección del { $election_date }. Use solo la nueva. Debe llegar entre el { $expected_from } y el { $expected_to }.
    .voice = Hola. Le habla la oficina electoral del Condado de { $county }. Le hemos enviado una nueva boleta de voto por correo para la elección del { $election_date }. Por favor, use solo la boleta nueva. Debería llegarle entre el { $expected_from } y el { $expected_to }.

in-person =
    .email-subject = Usted votó en persona
    .email-body =
        Según nuestros registros, usted votó en persona en la elección del { $election_date }.

        Gracias por votar. No necesita devolver su boleta de voto por correo.
    .sms = Condado de { $county }: Según nuestros registros, usted votó en persona en la elección del { $election_date }. ¡Gracias por votar!
    .voice = Hola. Le habla la oficina electoral del Condado de { $county }. Según nuestros registros, usted votó en persona en la elección del { $election_date }. Gracias por votar.

# $days: days left until election day.
return-reminder =
    .email-subject = Recordatorio: devuelva su boleta a más tardar el { $election_date }
    .email-body =
        Todavía no hemos recibido su boleta de voto por correo para la elección del { $election_date }. { $days ->
            [one] Queda 1 día.
           *[other] Quedan { $days } días.
        }

        Envíela por correo para que tenga matasellos a más tardar el { $election_date }, o llévela a un buzón oficial de boletas o a un centro de votación a más tardar a las 8:00 p. m. de ese día. ¿Tiene preguntas? Llame al { $county_phone } o visite { $county_web }.
    .sms = Condado de { $county }: Aún no recibimos su boleta. Envíela por correo a más tardar el { $election_date } o llévela a un buzón de boletas antes de las 8 p. m. de ese día.
    .voice = Hola. Le habla la oficina electoral del Condado de { $county }. Todavía no hemos recibido su boleta de voto por correo. Por favor, envíela por correo a más tardar el { $election_date }, o llévela a un buzón oficial de boletas o a un centro de votación antes de las ocho de la noche del día de la elección.

# $reason: what is wrong; $cure_deadline: the last day to fix it; $days: days left.
cure-reminder =
    .email-subject = Recordatorio: corrija el problema con su boleta a más tardar el { $cure_deadline }
    .email-body =
        Su boleta de voto por correo para la elección del { $election_date } todavía no puede ser contada: { $reason }

        { $days ->
            [one] Queda 1 día para corregirlo.
           *[other] Quedan { $days } días para corregirlo.
        } Comuníquese con la oficina electoral del Condado de { $county } a más tardar el { $cure_deadline }: llame al { $county_phone } o visite { $county_web }.
    .sms = Condado de { $county }: Su boleta todavía no puede ser contada. Corrija el problema a más tardar el { $cure_deadline }: llame al { $county_phone }.
    .voice = Hola. Le habla la oficina electoral del Condado de { $county }. Su boleta de voto por correo todavía no puede ser contada. Por favor llámenos al { $county_phone } a más tardar el { $cure_deadline } para que su voto pueda ser contado.

## Reasons a ballot was not counted or needs a fix, by status code.

reason-vav = Usted ya votó en esta elección.
reason-bme = El sobre no contenía ninguna boleta.
reason-vdd = Según nuestros registros, el votante falleció.
reason-mia = La dirección en el sobre faltaba o era incorrecta.
reason-mre = Había más de una boleta en el sobre.
reason-not = La boleta llegó demasiado tarde.
reason-oth = Se encontraron varios problemas con la boleta.
reason-cld = La boleta fue cancelada.
reason-nvs = El sobre no estaba firmado.
reason-nms = La firma del sobre no coincide con la firma registrada.
reason-inf = La oficina electoral necesita más información de usted.
reason-nid = Falta la identificación exigida a votantes por primera vez.

## Parts around every message

# $unsubscribe_url: a link that stops these emails in one click.
email-footer = Recibe estos correos electrónicos porque se inscribió para recibir avisos sobre su boleta del Condado de { $county }. Para dejar de recibirlos, visite { $unsubscribe_url }
email-unsubscribe-link = Dejar de recibir estos correos
sms-help = Avisos sobre su boleta del Condado de { $county }. Preguntas: { $county_phone }. Responda STOP para cancelarlos o START para volver a recibirlos.
sms-stopped = Condado de { $county }: Ya no recibirá mensajes de texto sobre su boleta. Responda START para volver a recibirlos.
sms-started = Condado de { $county }: Volverá a recibir mensajes de texto sobre su boleta. Responda STOP para cancelarlos.
voice-goodbye = Gracias. Adiós.

## One-time codes (confirming a contact, signing in)

# $code: the 6-digit code; $code_spoken: its digits one by one, for voice.
# .sms: "¿Dónde está mi boleta?" needs ó/á (not GSM-7), so the text is kept to one
# UCS-2 segment (under 67 characters with the code).
code =
    .email-subject = Su código de ¿Dónde está mi boleta?: { $code }
    .email-body =
        Su código es { $code }. Ingréselo en la página de ¿Dónde está mi boleta? para confirmar este correo electrónico o para iniciar sesión. Es válido durante 15 minutos.

        Si usted no pidió este código, puede ignorar este correo electrónico.
    .sms = ¿Dónde está mi boleta? Su código: { $code }. Vence en 15 minutos.
    .voice = Hola. Le habla Dónde está mi boleta, el servicio de seguimiento de boletas de California. Su código es { $code_spoken }. Le repito, su código es { $code_spoken }. Adiós.

# Sent to each confirmed contact when another contact joins the sign-up.
contact-added =
    .email-subject = Se agregó un contacto nuevo a sus mensajes de ¿Dónde está mi boleta?
    .email-body =
        Se acaba de agregar { $added ->
            [email] el correo electrónico { $contact }
            [sms] el número { $contact } (mensajes de texto)
           *[voice] el número { $contact } (llamadas telefónicas)
        } a los mensajes de ¿Dónde está mi boleta? sobre su boleta.

        Si usted lo agregó, no tiene que hacer nada. Si no fue usted, elimínelo aquí: { $remove_url }
    .sms = ¿Dónde está mi boleta?: se agregó { $contact }. ¿No fue usted? Elimínelo: { $remove_url }
    .voice =
        Hola. Le habla Dónde está mi boleta, el servicio de seguimiento de boletas de California. Se acaba de agregar { $added ->
            [email] un correo electrónico
           *[other] un número de teléfono
        } a los mensajes sobre su boleta. Si usted no lo agregó, llame a la oficina electoral de su condado. Adiós.

# In every email, after the message: the voter's own link to their ballot and choices.
email-manage = Vea su boleta y cambie sus preferencias: { $manage_url }

## Contact County after the cure deadline.
contact-county-passed =
    .email-subject = Hay un problema con su boleta: comuníquese con el Condado de { $county }
    .email-body =
        Hay un problema con su boleta de voto por correo para la elección del { $election_date }: { $reason }

        El plazo para corregirlo ya venció. Llame a la oficina electoral del Condado de { $county } al { $county_phone } o visite { $county_web } para saber qué puede hacer todavía.
    .sms = Condado de { $county }: Hay un problema con su boleta. { $reason } El plazo para corregirlo ya venció. Llame al { $county_phone }.
    .voice = Hola. Le habla la oficina electoral del Condado de { $county }. Hay un problema con su boleta de voto por correo. { $reason } El plazo para corregirlo ya venció. Por favor llámenos al { $county_phone }.

reasons-more = { $count ->
        [one] Y 1 problema más.
       *[other] Y { $count } problemas más.
    }

## Replies to a number no subscription uses.
sms-help-state = Seguimiento de boletas de California (¿Dónde está mi boleta?). Preguntas: { $county_phone }. Responda STOP para cancelarlos o START para volver a recibirlos.
sms-stopped-state = Seguimiento de boletas de California: Ya no recibirá mensajes de texto sobre su boleta. Responda START para volver a recibirlos.
sms-started-state = Seguimiento de boletas de California: Volverá a recibir mensajes de texto sobre su boleta. Responda STOP para cancelarlos.
