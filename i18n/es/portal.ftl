# Las páginas para votantes ("¿Dónde está mi boleta?"): todo texto que un votante ve en el navegador.
# Spanish (es). Register: formal "usted". Terms from /work/shared/spec/glossary.md.
# Placeholders in { $braces } are filled in by the service; keep them as they are.
# County names and election names stay as written (in English).

## Every page

site-name = ¿Dónde está mi boleta?
skip-link = Saltar al contenido principal
nav-label = Menú principal
nav-home = Inicio
nav-sign-up = Inscribirse
nav-sign-in = Iniciar sesión
nav-my-ballot = Mi boleta
nav-preferences = Mis preferencias
nav-counties = Condados participantes
nav-help = Ayuda
nav-sign-out = Cerrar sesión
language-label = Idioma
language-change = Cambiar idioma
footer-text = Un servicio de la Secretaría de Estado de California y de la oficina electoral de su condado. Nunca le pedimos su número de Seguro Social, su número de licencia de conducir ni ningún pago.
error-summary-title = Hay un problema
error-prefix = Error:
button-continue = Continuar
button-save = Guardar
button-back = Volver
form-expired = Esta página estuvo abierta demasiado tiempo o se envió dos veces. Por favor, vuelva a llenarla.
too-many-attempts = Hubo demasiados intentos desde esta conexión. Por favor, espere 15 minutos e inténtelo de nuevo.
not-found-title = Página no encontrada
not-found-text = Esta página no existe. Verifique la dirección o vaya a la página de inicio.
server-error-title = Algo salió mal
server-error-text = No pudimos completar su solicitud. Por favor, inténtelo de nuevo en unos minutos.

## Home

home-title = Siga su boleta de voto por correo
home-intro = Inscríbase para recibir un correo electrónico, un mensaje de texto o una llamada telefónica cuando su condado le envíe su boleta de voto por correo, cuando el condado la reciba y cuando sea contada. Los mensajes le llegan en su idioma y solo en el horario que usted elija.
home-how-title = Cómo funciona
home-step-identify = Díganos quién es usted: su nombre, su fecha de nacimiento y su código postal, tal como aparecen en su registro de votante.
home-step-choose = Elija cómo y cuándo desea que le avisemos, y confirme su correo electrónico o su número de teléfono con un código.
home-step-follow = Le avisamos cada vez que su boleta avanza, hasta que sea contada.
home-sign-up = Inscribirse
home-sign-in-text = ¿Ya se inscribió?
home-sign-in = Inicie sesión para ver su boleta

## Sign-up: who you are

signup-title = Inscribirse
signup-intro = Ingrese sus datos exactamente como aparecen en su registro de votante. Todos los campos son obligatorios.
field-first-name = Nombre
field-last-name = Apellido
field-dob = Fecha de nacimiento
field-dob-hint = MM-DD-YYYY (mes, día y año), por ejemplo 07-04-1980
field-zip = Código postal (ZIP)
field-zip-hint = El código postal de su domicilio en California
error-first-name-missing = Ingrese su nombre.
error-last-name-missing = Ingrese su apellido.
error-name-too-long = Un nombre puede tener como máximo 100 caracteres.
error-dob-missing = Ingrese su fecha de nacimiento.
error-dob-format = Ingrese su fecha de nacimiento en el orden mes, día y año: MM-DD-YYYY, por ejemplo 07-04-1980.
error-dob-invalid = Esa fecha no existe. Verifique el mes y el día: MM-DD-YYYY.
error-zip-format = Ingrese un código postal de 5 dígitos, por ejemplo 95814.

## Sign-up: more than one voter matches

voter-id-title = Un dato más
voter-id-intro = Hay más de un votante que coincide con estos datos. Ingrese su número de identificación de votante de VoteCal para que podamos encontrar el correcto. Puede encontrarlo en la consulta estatal del estado del votante.
field-voter-id = Número de identificación de votante de VoteCal
field-voter-id-hint = Letras y números, tal como aparecen en la consulta del estado del votante
error-voter-id-format = Ingrese un número de identificación de votante que contenga solo letras y números.

## Sign-up: no match

no-match-title = No pudimos completar su inscripción con estos datos
no-match-intro = No encontramos ningún registro de votante con el que podamos completar su inscripción con estos datos. Los motivos más comunes son:
no-match-cause-typo = Su nombre o su fecha de nacimiento se escribieron de otra forma cuando se registró para votar: un apodo, un segundo nombre, un guion, un acento que falta o un error de escritura.
no-match-cause-recent = Usted se registró o cambió su registro hace poco, y el cambio todavía no nos ha llegado. Por favor, inténtelo de nuevo en unos días.
no-match-cause-status = Su registro de votante no está activo en este momento.
no-match-cause-overseas = Usted vive fuera de los Estados Unidos y escribió el código postal de su dirección en el extranjero. En su lugar, ingrese el código postal (ZIP) de su último domicilio en California.
no-match-cause-format = La fecha de nacimiento no estaba en el orden mes, día, año (MM-DD-YYYY).
no-match-lookup = Verifique su registro de votante
no-match-lookup-text = La consulta del estado del votante de la Secretaría de Estado muestra su registro tal como lo tiene el estado.
no-match-county = La oficina electoral de su condado también puede ayudarle.
no-match-county-link = Encuentre la oficina electoral de su condado
no-match-again = Intentar de nuevo

## Sign-up and "My choices": how and when

prefs-title = Cómo y cuándo le avisamos
prefs-intro = Elija una o varias formas de recibir avisos. Antes de enviar cualquier mensaje a un correo electrónico o a un número de teléfono, lo confirmamos con un código.
prefs-language = Idioma de sus mensajes
prefs-channels = ¿Cómo desea que le avisemos?
channel-email = Correo electrónico
channel-sms = Mensaje de texto
channel-voice = Llamada telefónica
field-email = Correo electrónico
field-sms = Número de celular para mensajes de texto
field-voice = Número de teléfono para llamadas
field-phone-hint = Por ejemplo (916) 555-0100. Un número fuera de los Estados Unidos empieza con + y el código del país.
prefs-hours = Su horario
prefs-hours-hint = No enviamos nada fuera de este horario: los mensajes esperan hasta que comience su horario.
field-hours-from = Desde
field-hours-to = Hasta
field-time-zone = Zona horaria
field-time-zone-hint = Si vive fuera de California, elija la zona horaria del lugar donde vive.
error-no-channel = Elija al menos una forma de recibir avisos e ingrese el correo electrónico o el número correspondiente.
error-email = Ingrese un correo electrónico como name@example.com.
error-phone = Ingrese un número de teléfono que pueda recibir mensajes, como (916) 555-0100.
error-hours = Su horario debe comenzar antes de terminar.
error-time-zone = Elija una zona horaria de la lista.
prefs-saved = Sus preferencias se guardaron.
prefs-confirm-new = Le enviamos un código para confirmar el nuevo contacto.

## Confirming a contact

confirm-title = Confirme su contacto
confirm-intro = Enviamos un código de 6 dígitos a cada uno de los contactos que aparecen a continuación. Ingrese los códigos aquí. No enviamos nada a un contacto hasta que esté confirmado.
confirm-code-for = Código enviado a { $contact }
confirm-voice-note = Estamos llamando a este número para leerle el código.
confirm-expires = Los códigos son válidos durante 15 minutos.
confirm-resend = Enviar códigos nuevos
confirm-resent = Le enviamos códigos nuevos.
confirm-send-failed = No pudimos enviar un código a { $contact }. Verifique el contacto o inténtelo de nuevo más tarde.
error-code = Este código no es correcto o ya venció. Verifíquelo o pida un código nuevo.
error-code-format = Ingrese los 6 dígitos del código.
confirm-done = Su inscripción está completa. Le avisaremos cuando su boleta avance.

## Signing in

signin-title = Iniciar sesión
signin-intro = Ingrese el correo electrónico o el número de teléfono con el que se inscribió. Si está confirmado, le enviaremos un código.
field-contact = Correo electrónico o número de teléfono
error-contact = Ingrese un correo electrónico o un número de teléfono.
signin-code-title = Ingrese su código
signin-code-intro = Si este contacto está inscrito y confirmado, le enviamos un código de 6 dígitos. Es válido durante 15 minutos.
field-code = Código
signin-button = Iniciar sesión
signin-other = Usar otro contacto
signed-out = Se cerró su sesión.
session-expired = Por favor, vuelva a iniciar sesión.

## My ballot

ballot-title = Mi boleta
ballot-voter = Avisos para { $name }, Condado de { $county }
ballot-none = Todavía no tenemos registrada ninguna boleta de voto por correo a su nombre. Cuando su condado le envíe una, aparecerá aquí y le avisaremos.
ballot-election = { $election }, { $date }
ballot-status = Estado
ballot-timeline = Lo que ha sucedido
ballot-past = Elecciones anteriores
ballot-deadline-return = Su boleta debe tener matasellos del día de la elección, { $date }, o de una fecha anterior, o ser entregada en un buzón de boletas o en un lugar de votación a más tardar a las 8 p. m. de ese día.
ballot-deadline-cure = Comuníquese con su condado a más tardar el { $date } para que su boleta pueda ser contada.
ballot-county-contact = Oficina electoral del Condado de { $county }: { $phone }
ballot-county-web = Sitio web del condado
event-mailed = Se le envió su boleta por correo.
event-mailed-again = Se le envió una boleta nueva por correo.
event-inbound = El Servicio Postal tiene la boleta que usted devolvió.
event-received = Su condado recibió su boleta.
event-accepted = Su boleta fue aceptada y será contada.
event-not-accepted = Su boleta no pudo ser contada.
event-contact-county = Su condado necesita que usted se comunique con la oficina electoral para que su boleta pueda ser contada.
event-undeliverable = No se pudo entregar su boleta en su dirección.
event-in-person = Usted votó en persona.
event-other = El estado de su boleta cambió.
status-none = Aún no enviada
status-mailed = Enviada
status-inbound = De regreso a su condado
status-received = Recibida por su condado
status-accepted = Aceptada
status-not-accepted = No aceptada
status-contact-county = Comuníquese con su condado
status-undeliverable = No se pudo entregar
status-in-person = Votó en persona

## My choices

preferences-title = Mis preferencias
preferences-contacts = Dónde le enviamos los mensajes
contact-confirmed = Confirmado
contact-unconfirmed = Aún no confirmado
contact-stopped = Detenido
contact-unreachable = No se pudieron entregar los mensajes a este contacto
preferences-stop-title = Dejar de recibir mensajes o eliminar mis datos
preferences-stop-intro = Puede dejar de recibir avisos por una de las vías, dejar de recibir todos los mensajes o eliminar todo lo que guardamos sobre su inscripción. Esto no afecta su registro de votante ni su boleta.
stop-channel = Dejar de recibir avisos por { $channel }
restart-channel = Volver a recibir avisos por { $channel }
stop-all = Dejar de recibir todos los mensajes
delete-title = Eliminar mis datos
delete-intro = Esto elimina sus contactos y sus preferencias. No recibirá más mensajes. Puede volver a inscribirse en cualquier momento.
delete-button = Eliminar mis datos
deleted = Sus datos fueron eliminados. No recibirá más mensajes.
stopped = Ya no se enviarán mensajes a ese contacto.
restarted = Se volverán a enviar mensajes a ese contacto.
unsubscribe-title = Dejar de recibir mensajes
unsubscribe-intro = ¿Desea dejar de recibir en { $contact } todos los mensajes sobre su boleta?
unsubscribe-button = Dejar de recibir estos mensajes
added-title = Eliminar un contacto nuevo
added-intro = Se acaba de agregar { $contact } a los mensajes sobre esta boleta. Si usted no lo agregó, elimínelo: no recibirá más mensajes y quien haya iniciado sesión con él saldrá de la sesión.
added-button = Eliminar este contacto
added-removed = Se eliminó el contacto. Ya no recibirá mensajes sobre esta boleta.
added-invalid = Este enlace ya no funciona: el contacto ya se eliminó o cambió, o el enlace tiene más de 30 días. Para ver sus propios contactos, inicie sesión.

## Counties taking part

counties-title = ¿Participa mi condado?
counties-intro = En cada elección, los condados participantes envían avisos sobre las boletas a través de este servicio.
counties-election = { $election }, { $date }
counties-taking-part = Participa
counties-not-taking-part = No participa
counties-none = No hay ninguna elección programada en este momento.
counties-county = Condado
counties-status = Avisos sobre boletas

## Help

help-title = Ayuda
help-what-title = ¿Qué es este servicio?
help-what = El estado y su condado le informan por correo electrónico, mensaje de texto o llamada telefónica dónde está su boleta de voto por correo: cuándo se le envía, cuándo la recibe el condado y si fue contada.
help-who-title = ¿Quién puede inscribirse?
help-who = Todo votante registrado en California cuyo registro esté activo.
help-privacy-title = Su información
help-privacy = Usamos sus contactos solo para enviarle mensajes sobre su boleta y nunca los compartimos. Puede dejar de recibir los mensajes o eliminar sus datos en cualquier momento.
help-stop-title = Cómo dejar de recibir mensajes
help-stop = Responda STOP a un mensaje de texto, use el enlace que aparece al final de cada correo electrónico, o inicie sesión y abra “Mis preferencias”.
help-contact-title = Preguntas sobre su boleta
help-contact = La oficina electoral de su condado puede responder sus preguntas sobre su registro de votante y su boleta. La línea directa para votantes de la Secretaría de Estado es el { $phone }.
too-many-attempts-identity = Hubo demasiados intentos para esta persona o este contacto. Por favor, espere 15 minutos e inténtelo de nuevo.
code-held = Hace poco enviamos un código a { $contact }. Ingrese ese código o espere unos minutos antes de pedir uno nuevo.
error-phone-country = No podemos enviar mensajes de texto ni llamadas a números de teléfono de ese país. Ingrese un número de los Estados Unidos o elija el correo electrónico.
error-channel-taken = Los mensajes por este medio ya se envían a otro contacto de este votante. Solo ese contacto puede cambiarlo: inicie sesión con él o llame a la oficina electoral de su condado.
contact-not-yours = Solo quien inicie sesión con este contacto puede cambiarlo o detenerlo.
