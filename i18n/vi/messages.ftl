### Ballot tracking messages, Vietnamese (vi). Register: "quý vị".
### Terms from /work/shared/spec/glossary.md: lá phiếu bầu qua thư, văn phòng bầu cử quận,
### Lá Phiếu Của Tôi Ở Đâu?, chữ ký, đã được kiểm / đã được chấp nhận, đăng ký.
### County names stay in English ("Quận { $county }").
### $election_date etc. already begin with "ngày" (see date-long), so write
### "cuộc bầu cử { $election_date }", not "cuộc bầu cử ngày { $election_date }".
### Vietnamese has no plural forms: $days selectors use only *[other].
###
### See en/messages.ftl for what each attribute and variable means.

## Dates. $month is the month part from month-1 … month-12.

month-1 = tháng 1
month-2 = tháng 2
month-3 = tháng 3
month-4 = tháng 4
month-5 = tháng 5
month-6 = tháng 6
month-7 = tháng 7
month-8 = tháng 8
month-9 = tháng 9
month-10 = tháng 10
month-11 = tháng 11
month-12 = tháng 12
date-long = ngày { $day } { $month } năm { $year }

## Message kinds

confirmation =
    .email-subject = Quý vị đã đăng ký nhận thông báo về lá phiếu từ Quận { $county }
    .email-body =
        Cảm ơn quý vị đã đăng ký dịch vụ Lá Phiếu Của Tôi Ở Đâu? với Văn phòng bầu cử Quận { $county }.

        Chúng tôi sẽ thông báo cho quý vị khi lá phiếu bầu qua thư được gửi đến quý vị, khi chúng tôi nhận được lá phiếu và khi lá phiếu đã được kiểm. Nếu lá phiếu của quý vị có vấn đề, chúng tôi sẽ hướng dẫn quý vị cách khắc phục.

        Nếu có thắc mắc, xin gọi số { $county_phone } hoặc truy cập { $county_web }.
    .sms = Quận { $county }: Quý vị đã đăng ký nhận thông báo về lá phiếu. Trả lời HELP để được trợ giúp, STOP để ngừng nhận.
    .voice = Xin chào quý vị. Đây là Văn phòng bầu cử Quận { $county }. Quý vị đã đăng ký nhận thông báo về lá phiếu bầu qua thư của mình. Chúng tôi sẽ gọi cho quý vị khi lá phiếu được gửi đi, khi chúng tôi nhận được, và khi lá phiếu đã được kiểm. Xin cảm ơn quý vị.

# $expected_from, $expected_to: the dates the ballot should arrive between.
outbound =
    .email-subject = Lá phiếu của quý vị cho cuộc bầu cử { $election_date } đã được gửi qua bưu điện
    .email-body =
        Văn phòng bầu cử Quận { $county } đã gửi đến quý vị lá phiếu bầu qua thư cho cuộc bầu cử { $election_date }.

        Lá phiếu dự kiến sẽ đến trong khoảng từ { $expected_from } đến { $expected_to }.

        Nếu đến lúc đó quý vị vẫn chưa nhận được, xin gọi số { $county_phone } hoặc truy cập { $county_web }.
    .sms = Quận { $county }: Lá phiếu bầu cử { $election_date } đã được gửi cho quý vị, dự kiến đến từ { $expected_from } đến { $expected_to }.
    .voice = Xin chào quý vị. Đây là Văn phòng bầu cử Quận { $county }. Lá phiếu bầu qua thư của quý vị cho cuộc bầu cử { $election_date } đã được gửi đi. Lá phiếu dự kiến sẽ đến trong khoảng từ { $expected_from } đến { $expected_to }. Nếu đến lúc đó quý vị vẫn chưa nhận được, xin gọi số { $county_phone }.

inbound =
    .email-subject = Lá phiếu của quý vị đang trên đường gửi về Quận { $county }
    .email-body =
        Bưu điện đã nhận lá phiếu bầu qua thư mà quý vị gửi lại và đang chuyển đến Văn phòng bầu cử Quận { $county }.

        Chúng tôi sẽ thông báo cho quý vị khi nhận được lá phiếu.
    .sms = Quận { $county }: Bưu điện đang chuyển lá phiếu quý vị gửi lại về cho chúng tôi. Chúng tôi sẽ báo khi nhận được.
    .voice = Xin chào quý vị. Đây là Văn phòng bầu cử Quận { $county }. Bưu điện đã nhận lá phiếu bầu qua thư mà quý vị gửi lại và đang chuyển về cho chúng tôi. Chúng tôi sẽ báo cho quý vị biết khi nhận được lá phiếu.

received =
    .email-subject = Quận { $county } đã nhận được lá phiếu của quý vị
    .email-body =
        Văn phòng bầu cử Quận { $county } đã nhận được lá phiếu bầu qua thư của quý vị cho cuộc bầu cử { $election_date }.

        Chúng tôi đang kiểm tra chữ ký của quý vị. Chúng tôi sẽ thông báo cho quý vị khi lá phiếu đã được kiểm.
    .sms = Quận { $county }: Chúng tôi đã nhận được lá phiếu bầu cử { $election_date } của quý vị và sẽ báo khi lá phiếu đã được kiểm.
    .voice = Xin chào quý vị. Đây là Văn phòng bầu cử Quận { $county }. Chúng tôi đã nhận được lá phiếu bầu qua thư của quý vị cho cuộc bầu cử { $election_date }. Chúng tôi sẽ báo cho quý vị biết khi lá phiếu đã được kiểm.

accepted =
    .email-subject = Lá phiếu của quý vị đã được kiểm
    .email-body =
        Lá phiếu bầu qua thư của quý vị cho cuộc bầu cử { $election_date } đã được chấp nhận và đã được kiểm bởi Văn phòng bầu cử Quận { $county }.

        Cảm ơn quý vị đã đi bầu.
    .sms = Quận { $county }: Lá phiếu bầu cử { $election_date } của quý vị đã được kiểm. Cảm ơn quý vị đã đi bầu!
    .voice = Xin chào quý vị. Đây là Văn phòng bầu cử Quận { $county }. Lá phiếu bầu qua thư của quý vị cho cuộc bầu cử { $election_date } đã được chấp nhận và đã được kiểm. Cảm ơn quý vị đã đi bầu.

# $reason: why, from one of the reason-* messages below.
not-accepted =
    .email-subject = Lá phiếu của quý vị không thể được kiểm
    .email-body =
        Văn phòng bầu cử Quận { $county } không thể kiểm lá phiếu bầu qua thư của quý vị cho cuộc bầu cử { $election_date }.

        Lý do: { $reason }

        Để biết thêm thông tin, xin gọi số { $county_phone } hoặc truy cập { $county_web }.
    .sms = Quận { $county }: Không thể kiểm lá phiếu bầu cử { $election_date } của quý vị. Lý do: { $reason } Xin gọi { $county_phone }.
    .voice = Xin chào quý vị. Đây là Văn phòng bầu cử Quận { $county }. Lá phiếu bầu qua thư của quý vị cho cuộc bầu cử { $election_date } không thể được kiểm. Lý do là: { $reason } Để biết thêm thông tin, xin gọi số { $county_phone }.

# $reason: what is wrong; $cure_deadline: the last day to fix it.
contact-county =
    .email-subject = Cần hành động: lá phiếu của quý vị sẽ không được kiểm cho đến khi quý vị liên lạc với Quận { $county }
    .email-body =
        Lá phiếu bầu qua thư của quý vị cho cuộc bầu cử { $election_date } có vấn đề: { $reason }

        Lá phiếu của quý vị sẽ không được kiểm cho đến khi quý vị khắc phục vấn đề này. Xin liên lạc với Văn phòng bầu cử Quận { $county } chậm nhất vào { $cure_deadline }: gọi số { $county_phone } hoặc truy cập { $county_web } để nhận mẫu đơn cần ký tên và gửi lại.
    .sms = Quận { $county }: Lá phiếu của quý vị chưa thể được kiểm. { $reason } Hạn khắc phục: { $cure_deadline }. Xin gọi { $county_phone }.
    .voice = Xin chào quý vị. Đây là Văn phòng bầu cử Quận { $county }. Lá phiếu bầu qua thư của quý vị có vấn đề và sẽ không được kiểm cho đến khi quý vị khắc phục. { $reason } Xin gọi cho chúng tôi theo số { $county_phone } chậm nhất vào { $cure_deadline }.

undeliverable =
    .email-subject = Không thể giao lá phiếu của quý vị
    .email-body =
        Bưu điện không thể giao lá phiếu bầu qua thư mà Văn phòng bầu cử Quận { $county } đã gửi đến quý vị cho cuộc bầu cử { $election_date }.

        Xin kiểm tra lại xem địa chỉ của quý vị có đúng không. Xin gọi số { $county_phone } hoặc truy cập { $county_web } để nhận lá phiếu mới hoặc tìm nơi bỏ phiếu trực tiếp.
    .sms = Quận { $county }: Không thể giao lá phiếu bầu cử { $election_date } của quý vị. Xin gọi { $county_phone } để nhận lá phiếu mới.
    .voice = Xin chào quý vị. Đây là Văn phòng bầu cử Quận { $county }. Bưu điện không thể giao lá phiếu bầu qua thư của quý vị cho cuộc bầu cử { $election_date }. Xin gọi cho chúng tôi theo số { $county_phone } để nhận lá phiếu mới.

# $expected_from, $expected_to: the dates the new ballot should arrive between.
reissued =
    .email-subject = Một lá phiếu mới đã được gửi đến quý vị
    .email-body =
        Văn phòng bầu cử Quận { $county } đã gửi đến quý vị một lá phiếu bầu qua thư mới cho cuộc bầu cử { $election_date }. Chỉ lá phiếu mới này mới được kiểm; xin đừng gửi lại lá phiếu cũ.

        Lá phiếu mới dự kiến sẽ đến trong khoảng từ { $expected_from } đến { $expected_to }.
    .sms = Quận { $county }: Lá phiếu mới cho cuộc bầu cử { $election_date } đã được gửi. Chỉ dùng lá phiếu mới. Dự kiến đến từ { $expected_from } đến { $expected_to }.
    .voice = Xin chào quý vị. Đây là Văn phòng bầu cử Quận { $county }. Một lá phiếu bầu qua thư mới cho cuộc bầu cử { $election_date } đã được gửi đến quý vị. Xin chỉ dùng lá phiếu mới. Lá phiếu dự kiến sẽ đến trong khoảng từ { $expected_from } đến { $expected_to }.

in-person =
    .email-subject = Quý vị đã bỏ phiếu trực tiếp
    .email-body =
        Theo hồ sơ của chúng tôi, quý vị đã bỏ phiếu trực tiếp trong cuộc bầu cử { $election_date }.

        Cảm ơn quý vị đã đi bầu. Quý vị không cần gửi lại lá phiếu bầu qua thư.
    .sms = Quận { $county }: Theo hồ sơ, quý vị đã bỏ phiếu trực tiếp trong cuộc bầu cử { $election_date }. Cảm ơn quý vị đã đi bầu!
    .voice = Xin chào quý vị. Đây là Văn phòng bầu cử Quận { $county }. Theo hồ sơ của chúng tôi, quý vị đã bỏ phiếu trực tiếp trong cuộc bầu cử { $election_date }. Cảm ơn quý vị đã đi bầu.

# $days: days left until election day.
return-reminder =
    .email-subject = Nhắc nhở: xin gửi lại lá phiếu chậm nhất vào { $election_date }
    .email-body =
        Chúng tôi chưa nhận được lá phiếu bầu qua thư của quý vị cho cuộc bầu cử { $election_date }. { $days ->
           *[other] Chỉ còn { $days } ngày nữa.
        }

        Xin gửi qua bưu điện sao cho có dấu bưu điện chậm nhất vào { $election_date }, hoặc mang đến thùng bỏ phiếu hay trung tâm bỏ phiếu trước 8 giờ tối ngày hôm đó. Nếu có thắc mắc, xin gọi số { $county_phone } hoặc truy cập { $county_web }.
    .sms = Quận { $county }: Chúng tôi chưa nhận được lá phiếu của quý vị. Xin gửi qua bưu điện chậm nhất vào { $election_date } hoặc bỏ vào thùng phiếu trước 8 giờ tối ngày đó.
    .voice = Xin chào quý vị. Đây là Văn phòng bầu cử Quận { $county }. Chúng tôi chưa nhận được lá phiếu bầu qua thư của quý vị. Xin gửi lá phiếu qua bưu điện chậm nhất vào { $election_date }, hoặc mang đến thùng bỏ phiếu hay trung tâm bỏ phiếu trước tám giờ tối ngày bầu cử.

# $reason: what is wrong; $cure_deadline: the last day to fix it; $days: days left.
cure-reminder =
    .email-subject = Nhắc nhở: xin khắc phục vấn đề về lá phiếu chậm nhất vào { $cure_deadline }
    .email-body =
        Lá phiếu bầu qua thư của quý vị cho cuộc bầu cử { $election_date } vẫn chưa thể được kiểm: { $reason }

        { $days ->
           *[other] Quý vị còn { $days } ngày để khắc phục.
        } Xin liên lạc với Văn phòng bầu cử Quận { $county } chậm nhất vào { $cure_deadline }: gọi số { $county_phone } hoặc truy cập { $county_web }.
    .sms = Quận { $county }: Lá phiếu của quý vị vẫn chưa thể được kiểm. Xin khắc phục chậm nhất vào { $cure_deadline }: gọi { $county_phone }.
    .voice = Xin chào quý vị. Đây là Văn phòng bầu cử Quận { $county }. Lá phiếu bầu qua thư của quý vị vẫn chưa thể được kiểm. Xin gọi cho chúng tôi theo số { $county_phone } chậm nhất vào { $cure_deadline } để lá phiếu của quý vị được kiểm.

## Reasons a ballot was not counted or needs a fix, by status code.

reason-vav = Quý vị đã bỏ phiếu trong cuộc bầu cử này rồi.
reason-bme = Trong phong bì không có lá phiếu.
reason-vdd = Theo hồ sơ của chúng tôi, cử tri đã qua đời.
reason-mia = Địa chỉ trên phong bì bị thiếu hoặc sai.
reason-mre = Trong phong bì có nhiều hơn một lá phiếu.
reason-not = Lá phiếu đến quá trễ.
reason-oth = Lá phiếu có nhiều vấn đề.
reason-cld = Lá phiếu đã bị hủy.
reason-nvs = Phong bì không có chữ ký.
reason-nms = Chữ ký trên phong bì không khớp với chữ ký trong hồ sơ.
reason-inf = Văn phòng bầu cử cần thêm thông tin từ quý vị.
reason-nid = Thiếu giấy tờ tùy thân bắt buộc đối với cử tri bầu lần đầu.

## Parts around every message

# $unsubscribe_url: a link that stops these emails in one click.
email-footer = Quý vị nhận được các thư điện tử này vì đã đăng ký nhận thông báo về lá phiếu từ Quận { $county }. Để ngừng nhận, xin truy cập { $unsubscribe_url }
email-unsubscribe-link = Ngừng nhận các thư điện tử này
sms-help = Thông báo về lá phiếu của Quận { $county }. Thắc mắc: { $county_phone }. Trả lời STOP để ngừng, START để nhận lại.
sms-stopped = Quận { $county }: Quý vị sẽ không còn nhận tin nhắn về lá phiếu. Trả lời START để nhận lại.
sms-started = Quận { $county }: Quý vị sẽ nhận lại tin nhắn về lá phiếu. Trả lời STOP để ngừng nhận.
voice-goodbye = Xin cảm ơn quý vị. Chào tạm biệt.

## One-time codes (confirming a contact, signing in)

# $code: the 6-digit code; $code_spoken: its digits one by one, for voice.
# .sms is Vietnamese (UCS-2): kept under 67 characters with the code, one segment.
code =
    .email-subject = Mã số Lá Phiếu Của Tôi Ở Đâu? của quý vị: { $code }
    .email-body =
        Mã số của quý vị là { $code }. Xin nhập mã số này trên trang Lá Phiếu Của Tôi Ở Đâu? để xác nhận địa chỉ thư điện tử này hoặc để đăng nhập. Mã số có hiệu lực trong 15 phút.

        Nếu quý vị không yêu cầu mã số này, quý vị có thể bỏ qua thư điện tử này.
    .sms = Lá Phiếu Của Tôi Ở Đâu?: mã số { $code }, có hiệu lực 15 phút.
    .voice = Xin chào quý vị. Đây là Lá Phiếu Của Tôi Ở Đâu, dịch vụ theo dõi lá phiếu của California. Mã số của quý vị là { $code_spoken }. Xin nhắc lại, mã số của quý vị là { $code_spoken }. Chào tạm biệt.

# Sent to each confirmed contact when another contact joins the sign-up.
contact-added =
    .email-subject = Một phương tiện liên lạc mới đã được thêm vào tin nhắn Lá Phiếu Của Tôi Ở Đâu? của quý vị
    .email-body =
        { $added ->
            [email] Địa chỉ thư điện tử { $contact }
            [sms] Số điện thoại { $contact } (tin nhắn văn bản)
           *[voice] Số điện thoại { $contact } (cuộc gọi)
        } vừa được thêm vào tin nhắn Lá Phiếu Của Tôi Ở Đâu? về lá phiếu của quý vị.

        Nếu quý vị đã tự thêm, quý vị không cần làm gì. Nếu không phải quý vị, xin xóa tại đây: { $remove_url }
    .sms = Lá Phiếu Của Tôi Ở Đâu?: { $contact } đã được thêm. Không phải quý vị? Xóa: { $remove_url }
    .voice =
        Xin chào. Đây là Lá Phiếu Của Tôi Ở Đâu?, dịch vụ theo dõi lá phiếu của California. Một { $added ->
            [email] địa chỉ thư điện tử
           *[other] số điện thoại
        } mới vừa được thêm vào tin nhắn về lá phiếu của quý vị. Nếu quý vị không thêm, xin gọi văn phòng bầu cử quận của quý vị. Tạm biệt.

# In every email, after the message: the voter's own link to their ballot and choices.
email-manage = Xem lá phiếu và thay đổi các lựa chọn của quý vị: { $manage_url }

## Contact County after the cure deadline.
contact-county-passed =
    .email-subject = Lá phiếu của quý vị có vấn đề: xin liên lạc với Quận { $county }
    .email-body =
        Lá phiếu bầu qua thư của quý vị cho cuộc bầu cử { $election_date } có vấn đề: { $reason }

        Hạn chót để khắc phục đã qua. Xin gọi Văn phòng bầu cử Quận { $county } theo số { $county_phone } hoặc truy cập { $county_web } để biết quý vị còn có thể làm gì.
    .sms = Quận { $county }: Lá phiếu của quý vị có vấn đề. { $reason } Hạn chót để khắc phục đã qua. Xin gọi { $county_phone }.
    .voice = Xin chào quý vị. Đây là Văn phòng bầu cử Quận { $county }. Lá phiếu bầu qua thư của quý vị có vấn đề. { $reason } Hạn chót để khắc phục đã qua. Xin gọi cho chúng tôi theo số { $county_phone }.

reasons-more = Và { $count } vấn đề khác.

## Replies to a number no subscription uses.
sms-help-state = Dịch vụ theo dõi lá phiếu của California (Lá Phiếu Của Tôi Ở Đâu?). Thắc mắc: { $county_phone }. Trả lời STOP để ngừng, START để nhận lại.
sms-stopped-state = Dịch vụ theo dõi lá phiếu của California: Quý vị sẽ không còn nhận tin nhắn về lá phiếu. Trả lời START để nhận lại.
sms-started-state = Dịch vụ theo dõi lá phiếu của California: Quý vị sẽ nhận lại tin nhắn về lá phiếu. Trả lời STOP để ngừng nhận.
