# The voter pages ("Lá Phiếu Của Tôi Ở Đâu?"): every text a voter sees in a browser.
# Vietnamese (vi). Register: "quý vị". Terms from /work/shared/spec/glossary.md.
# $date already begins with "ngày" (see date-long in messages.ftl).
# Placeholders in { $braces } are filled in by the service; keep them as they are.
# County names and election names stay as written (in English).

## Every page

site-name = Lá Phiếu Của Tôi Ở Đâu?
skip-link = Chuyển đến nội dung chính
nav-label = Danh mục chính
nav-home = Trang chủ
nav-sign-up = Đăng ký
nav-sign-in = Đăng nhập
nav-my-ballot = Lá phiếu của tôi
nav-preferences = Lựa chọn của tôi
nav-counties = Các quận tham gia
nav-help = Trợ giúp
nav-sign-out = Đăng xuất
language-label = Ngôn ngữ
language-change = Đổi ngôn ngữ
footer-text = Một dịch vụ của Tổng Thư Ký Tiểu Bang California và văn phòng bầu cử quận của quý vị. Chúng tôi không bao giờ yêu cầu quý vị cung cấp số An Sinh Xã Hội, số bằng lái xe hay thanh toán bất kỳ khoản tiền nào.
error-summary-title = Có vấn đề
error-prefix = Lỗi:
button-continue = Tiếp tục
button-save = Lưu
button-back = Quay lại
form-expired = Trang này đã mở quá lâu hoặc đã được gửi hai lần. Xin vui lòng điền lại.
too-many-attempts = Có quá nhiều lần thử từ nơi này. Xin vui lòng chờ 15 phút rồi thử lại.
not-found-title = Không tìm thấy trang
not-found-text = Trang này không tồn tại. Xin kiểm tra lại địa chỉ hoặc đi đến trang chủ.
server-error-title = Đã xảy ra lỗi
server-error-text = Chúng tôi không thể hoàn tất yêu cầu của quý vị. Xin vui lòng thử lại sau vài phút.

## Home

home-title = Theo dõi lá phiếu bầu qua thư của quý vị
home-intro = Hãy đăng ký để nhận thư điện tử, tin nhắn văn bản hoặc cuộc gọi điện thoại khi quận gửi lá phiếu bầu qua thư cho quý vị, khi quận nhận được lá phiếu và khi lá phiếu đã được kiểm. Thông báo được gửi bằng ngôn ngữ của quý vị, chỉ trong những giờ quý vị chọn.
home-how-title = Cách thức hoạt động
home-step-identify = Cho chúng tôi biết quý vị là ai: họ tên, ngày sinh và mã ZIP, đúng như trong hồ sơ ghi danh cử tri của quý vị.
home-step-choose = Chọn cách thức và thời gian chúng tôi thông báo cho quý vị, sau đó xác nhận địa chỉ thư điện tử hoặc số điện thoại của quý vị bằng một mã số.
home-step-follow = Chúng tôi thông báo cho quý vị mỗi khi lá phiếu có thay đổi, cho đến khi lá phiếu đã được kiểm.
home-sign-up = Đăng ký
home-sign-in-text = Quý vị đã đăng ký rồi?
home-sign-in = Đăng nhập để xem lá phiếu của quý vị

## Sign-up: who you are

signup-title = Đăng ký
signup-intro = Xin nhập thông tin của quý vị đúng như trong hồ sơ ghi danh cử tri. Tất cả các mục đều bắt buộc.
field-first-name = Tên
field-last-name = Họ
field-dob = Ngày sinh
field-dob-hint = MM-DD-YYYY (tháng-ngày-năm), ví dụ 07-04-1980
field-zip = Mã ZIP
field-zip-hint = Mã ZIP của địa chỉ nơi cư trú của quý vị tại California
error-first-name-missing = Xin nhập tên của quý vị.
error-last-name-missing = Xin nhập họ của quý vị.
error-name-too-long = Tên chỉ được có tối đa 100 ký tự.
error-dob-missing = Xin nhập ngày sinh của quý vị.
error-dob-format = Xin nhập ngày sinh theo thứ tự tháng, ngày, năm: MM-DD-YYYY, ví dụ 07-04-1980.
error-dob-invalid = Ngày này không tồn tại. Xin kiểm tra lại tháng và ngày: MM-DD-YYYY.
error-zip-format = Xin nhập mã ZIP gồm 5 chữ số, ví dụ 95814.

## Sign-up: more than one voter matches

voter-id-title = Cần thêm một chi tiết
voter-id-intro = Có nhiều cử tri trùng khớp với những thông tin này. Xin nhập mã số cử tri VoteCal của quý vị để chúng tôi tìm đúng người. Quý vị có thể tìm mã số này bằng công cụ tra cứu tình trạng cử tri của tiểu bang.
field-voter-id = Mã số cử tri VoteCal
field-voter-id-hint = Gồm chữ cái và chữ số, như hiển thị trong công cụ tra cứu tình trạng cử tri
error-voter-id-format = Xin nhập mã số cử tri chỉ gồm chữ cái và chữ số.

## Sign-up: no match

no-match-title = Chúng tôi không thể đăng ký cho quý vị với thông tin này
no-match-intro = Chúng tôi không tìm thấy hồ sơ ghi danh cử tri nào khớp với những thông tin này để có thể đăng ký cho quý vị. Các lý do thường gặp là:
no-match-cause-typo = Tên hoặc ngày sinh của quý vị được ghi khác đi khi quý vị ghi danh: tên gọi thân mật, tên đệm, dấu gạch nối, thiếu dấu hoặc lỗi đánh máy.
no-match-cause-recent = Quý vị mới ghi danh hoặc mới thay đổi hồ sơ ghi danh gần đây, và thay đổi đó chưa được chuyển đến chúng tôi. Xin vui lòng thử lại sau vài ngày.
no-match-cause-status = Hồ sơ ghi danh cử tri của quý vị hiện không ở tình trạng hoạt động.
no-match-cause-overseas = Quý vị sống bên ngoài Hoa Kỳ và đã nhập mã bưu chính của địa chỉ ở nước ngoài. Thay vào đó, xin nhập mã ZIP của địa chỉ cư trú gần đây nhất của quý vị tại California.
no-match-cause-format = Ngày sinh không được nhập theo thứ tự tháng, ngày, năm (MM-DD-YYYY).
no-match-lookup = Kiểm tra hồ sơ ghi danh của quý vị
no-match-lookup-text = Công cụ tra cứu tình trạng cử tri của Tổng Thư Ký Tiểu Bang cho thấy hồ sơ ghi danh của quý vị đúng như tiểu bang đang lưu giữ.
no-match-county = Văn phòng bầu cử quận của quý vị cũng có thể giúp quý vị.
no-match-county-link = Tìm văn phòng bầu cử quận của quý vị
no-match-again = Thử lại

## Sign-up and "My choices": how and when

prefs-title = Cách thức và thời gian chúng tôi thông báo cho quý vị
prefs-intro = Xin chọn một hoặc nhiều cách nhận thông báo. Chúng tôi xác nhận từng địa chỉ thư điện tử và số điện thoại bằng một mã số trước khi gửi bất cứ điều gì đến đó.
prefs-language = Ngôn ngữ của thông báo
prefs-channels = Quý vị muốn nhận thông báo bằng cách nào?
channel-email = Thư điện tử
channel-sms = Tin nhắn văn bản
channel-voice = Cuộc gọi điện thoại
field-email = Địa chỉ thư điện tử
field-sms = Số điện thoại di động để nhận tin nhắn văn bản
field-voice = Số điện thoại để nhận cuộc gọi
field-phone-hint = Ví dụ (916) 555-0100. Số điện thoại bên ngoài Hoa Kỳ bắt đầu bằng dấu + và mã quốc gia.
prefs-hours = Giờ nhận thông báo
prefs-hours-hint = Chúng tôi không gửi gì ngoài những giờ này: thông báo sẽ chờ đến khi bắt đầu khung giờ của quý vị.
field-hours-from = Từ
field-hours-to = Đến
field-time-zone = Múi giờ
field-time-zone-hint = Nếu quý vị sống bên ngoài California, xin chọn múi giờ nơi quý vị sống.
error-no-channel = Xin chọn ít nhất một cách nhận thông báo và nhập địa chỉ hoặc số điện thoại tương ứng.
error-email = Xin nhập địa chỉ thư điện tử, ví dụ name@example.com.
error-phone = Xin nhập số điện thoại có thể nhận tin nhắn, ví dụ (916) 555-0100.
error-hours = Giờ bắt đầu phải sớm hơn giờ kết thúc.
error-time-zone = Xin chọn một múi giờ trong danh sách.
prefs-saved = Các lựa chọn của quý vị đã được lưu.
prefs-confirm-new = Chúng tôi đã gửi một mã số để xác nhận thông tin liên lạc mới.

## Confirming a contact

confirm-title = Xác nhận thông tin liên lạc của quý vị
confirm-intro = Chúng tôi đã gửi một mã số gồm 6 chữ số đến từng thông tin liên lạc dưới đây. Xin nhập các mã số vào đây. Chúng tôi không gửi gì đến một thông tin liên lạc cho đến khi thông tin đó được xác nhận.
confirm-code-for = Mã số đã gửi đến { $contact }
confirm-voice-note = Chúng tôi đang gọi đến số này để đọc mã số cho quý vị.
confirm-expires = Các mã số có hiệu lực trong 15 phút.
confirm-resend = Gửi mã số mới
confirm-resent = Chúng tôi đã gửi mã số mới.
confirm-send-failed = Chúng tôi không thể gửi mã số đến { $contact }. Xin kiểm tra lại hoặc thử lại sau.
error-code = Mã số này không đúng hoặc đã hết hạn. Xin kiểm tra lại hoặc yêu cầu mã số mới.
error-code-format = Xin nhập 6 chữ số của mã số.
confirm-done = Quý vị đã đăng ký xong. Chúng tôi sẽ thông báo cho quý vị mỗi khi lá phiếu có thay đổi.

## Signing in

signin-title = Đăng nhập
signin-intro = Xin nhập địa chỉ thư điện tử hoặc số điện thoại quý vị đã dùng để đăng ký. Nếu thông tin này đã được xác nhận, chúng tôi sẽ gửi mã số đến đó.
field-contact = Địa chỉ thư điện tử hoặc số điện thoại
error-contact = Xin nhập địa chỉ thư điện tử hoặc số điện thoại.
signin-code-title = Nhập mã số của quý vị
signin-code-intro = Nếu thông tin liên lạc này đã được đăng ký và xác nhận, chúng tôi đã gửi đến đó một mã số gồm 6 chữ số. Mã số có hiệu lực trong 15 phút.
field-code = Mã số
signin-button = Đăng nhập
signin-other = Dùng thông tin liên lạc khác
signed-out = Quý vị đã đăng xuất.
session-expired = Xin vui lòng đăng nhập lại.

## My ballot

ballot-title = Lá phiếu của tôi
ballot-voter = Thông báo cho { $name }, Quận { $county }
ballot-none = Chúng tôi chưa có hồ sơ nào về lá phiếu bầu qua thư của quý vị. Khi quận gửi lá phiếu cho quý vị, lá phiếu sẽ hiện ra ở đây và chúng tôi sẽ thông báo cho quý vị.
ballot-election = { $election }, { $date }
ballot-status = Tình trạng
ballot-timeline = Diễn tiến
ballot-past = Các cuộc bầu cử trước
ballot-deadline-return = Lá phiếu của quý vị phải có dấu bưu điện vào hoặc trước ngày bầu cử, { $date }, hoặc được bỏ vào thùng bỏ phiếu hay nộp tại địa điểm bỏ phiếu trước 8 giờ tối ngày hôm đó.
ballot-deadline-cure = Xin liên lạc với quận chậm nhất vào { $date } để lá phiếu của quý vị có thể được kiểm.
ballot-county-contact = Văn phòng bầu cử Quận { $county }: { $phone }
ballot-county-web = Trang mạng của quận
event-mailed = Lá phiếu đã được gửi đến quý vị.
event-mailed-again = Một lá phiếu mới đã được gửi đến quý vị.
event-inbound = Bưu điện đã nhận lá phiếu quý vị gửi lại.
event-received = Quận đã nhận được lá phiếu của quý vị.
event-accepted = Lá phiếu của quý vị đã được chấp nhận và sẽ được kiểm.
event-not-accepted = Lá phiếu của quý vị không thể được kiểm.
event-contact-county = Quận cần quý vị liên lạc để lá phiếu của quý vị có thể được kiểm.
event-undeliverable = Không thể giao lá phiếu đến địa chỉ của quý vị.
event-in-person = Quý vị đã bỏ phiếu trực tiếp.
event-other = Tình trạng lá phiếu của quý vị đã thay đổi.
status-none = Chưa gửi
status-mailed = Đã gửi
status-inbound = Đang trên đường gửi về quận
status-received = Quận đã nhận được
status-accepted = Đã được chấp nhận
status-not-accepted = Không được chấp nhận
status-contact-county = Xin liên lạc với quận
status-undeliverable = Không thể giao
status-in-person = Đã bỏ phiếu trực tiếp

## My choices

preferences-title = Lựa chọn của tôi
preferences-contacts = Nơi chúng tôi gửi thông báo
contact-confirmed = Đã xác nhận
contact-unconfirmed = Chưa xác nhận
contact-stopped = Đã ngừng
contact-unreachable = Không thể gửi thông báo đến thông tin liên lạc này
preferences-stop-title = Ngừng nhận thông báo hoặc xóa dữ liệu của tôi
preferences-stop-intro = Quý vị có thể ngừng một cách nhận thông báo, ngừng tất cả thông báo, hoặc xóa toàn bộ thông tin chúng tôi lưu giữ về việc đăng ký của quý vị. Hồ sơ ghi danh cử tri và lá phiếu của quý vị không bị ảnh hưởng.
stop-channel = Ngừng nhận qua { $channel }
restart-channel = Nhận lại qua { $channel }
stop-all = Ngừng nhận tất cả thông báo
delete-title = Xóa dữ liệu của tôi
delete-intro = Thao tác này sẽ xóa thông tin liên lạc và các lựa chọn của quý vị. Quý vị sẽ không nhận thêm thông báo nào nữa. Quý vị có thể đăng ký lại bất cứ lúc nào.
delete-button = Xóa dữ liệu của tôi
deleted = Dữ liệu của quý vị đã được xóa. Quý vị sẽ không nhận thêm thông báo nào nữa.
stopped = Chúng tôi sẽ không gửi thông báo đến đó nữa.
restarted = Chúng tôi sẽ gửi lại thông báo đến đó.
unsubscribe-title = Ngừng nhận thông báo
unsubscribe-intro = Ngừng gửi tất cả thông báo về lá phiếu của quý vị đến { $contact }?
unsubscribe-button = Ngừng nhận các thông báo này
added-title = Xóa phương tiện liên lạc mới
added-intro = { $contact } vừa được thêm vào tin nhắn về lá phiếu này. Nếu quý vị không thêm, xin xóa: phương tiện này sẽ không nhận tin nhắn nữa, và người đã đăng nhập qua đó sẽ bị đăng xuất.
added-button = Xóa phương tiện liên lạc này
added-removed = Đã xóa phương tiện liên lạc. Phương tiện này sẽ không nhận tin nhắn về lá phiếu này nữa.
added-invalid = Liên kết này không còn hiệu lực: phương tiện liên lạc đã bị xóa hoặc thay đổi, hoặc liên kết đã quá 30 ngày. Để xem các phương tiện liên lạc của quý vị, xin đăng nhập.

## Counties taking part

counties-title = Quận của tôi có tham gia không?
counties-intro = Trong mỗi cuộc bầu cử, các quận tham gia gửi thông báo về lá phiếu qua dịch vụ này.
counties-election = { $election }, { $date }
counties-taking-part = Có tham gia
counties-not-taking-part = Không tham gia
counties-none = Hiện chưa có cuộc bầu cử nào được lên lịch.
counties-county = Quận
counties-status = Thông báo về lá phiếu

## Help

help-title = Trợ giúp
help-what-title = Dịch vụ này là gì?
help-what = Tiểu bang và quận của quý vị thông báo cho quý vị qua thư điện tử, tin nhắn văn bản hoặc cuộc gọi điện thoại về việc lá phiếu bầu qua thư của quý vị đang ở đâu: khi lá phiếu được gửi đến quý vị, khi quận nhận được lá phiếu, và lá phiếu đã được kiểm hay chưa.
help-who-title = Ai có thể đăng ký?
help-who = Mọi cử tri đã ghi danh tại California có hồ sơ ghi danh đang hoạt động.
help-privacy-title = Thông tin của quý vị
help-privacy = Chúng tôi chỉ dùng thông tin liên lạc của quý vị để gửi thông báo về lá phiếu và không bao giờ chia sẻ thông tin này. Quý vị có thể ngừng nhận thông báo hoặc xóa dữ liệu của mình bất cứ lúc nào.
help-stop-title = Ngừng nhận thông báo
help-stop = Trả lời STOP cho một tin nhắn văn bản, dùng đường liên kết ở cuối mỗi thư điện tử, hoặc đăng nhập và mở mục "Lựa chọn của tôi".
help-contact-title = Thắc mắc về lá phiếu của quý vị
help-contact = Văn phòng bầu cử quận của quý vị có thể trả lời các thắc mắc về hồ sơ ghi danh và lá phiếu của quý vị. Đường dây nóng dành cho cử tri của Tổng Thư Ký Tiểu Bang là { $phone }.
too-many-attempts-identity = Có quá nhiều lần thử cho người này hoặc thông tin liên lạc này. Xin vui lòng chờ 15 phút rồi thử lại.
code-held = Chúng tôi vừa gửi một mã số đến { $contact } cách đây ít phút. Xin nhập mã số đó, hoặc chờ vài phút trước khi yêu cầu mã số mới.
error-phone-country = Chúng tôi không thể gửi tin nhắn hoặc gọi điện đến số điện thoại ở quốc gia đó. Xin nhập số điện thoại Hoa Kỳ, hoặc chọn email.
error-channel-taken = Tin nhắn qua phương thức này đã được gửi đến một thông tin liên lạc khác của cử tri này. Chỉ thông tin liên lạc đó mới có thể thay đổi: xin đăng nhập bằng thông tin đó, hoặc gọi cho văn phòng bầu cử quận của quý vị.
contact-not-yours = Chỉ người đăng nhập bằng thông tin liên lạc này mới có thể thay đổi hoặc ngừng nó.
