"""Post, reply and patient-message templates with identifier slots, per language.

A slot is ``{NAME}``; the same slot twice in one template is the same value. Slots:
PATIENT, PATIENT_FIRST, RELATIVE (person names, PHI); STAFF (a staff member's name in
a spotlight: a name, but not PHI); PHONE, SWITCHBOARD (the hospital's own number, not
PHI), EMAIL, URL, IP, NATID, IBAN, CARD, MRN, PLAN, DOB, DATE, WEEKDAY (a day named relative to the
message: a date, not PHI), AGE90, ADDRESS, POSTCODE;
hard negatives PRICE, ORDER, YEAR, STAT, DOSE, TIME, HOTLINE, CITY, BAD_ID, BAD_CARD.

Each template is (kind, pillar, text). Templates alternate between the dev and the test
split within each language, so the test split has sentence frames never seen in dev.
"""

from __future__ import annotations

Template = tuple[str, str | None, str]

TEMPLATES: dict[str, list[Template]] = {
    "en": [
        ("post", "patient_story",
         "Meet {PATIENT_FIRST}, who came to our cardiac unit after a heart attack on {DATE}. "
         "{PATIENT_FIRST}, {AGE90}, is already walking the hallway again! 💙"),
        ("post", "patient_story",
         "Huge congratulations to {PATIENT}, discharged today from Ward 5 after 41 days. "
         "Her family asked us to share where cards can go: {ADDRESS}, {POSTCODE}."),
        ("post", "patient_story",
         "Our patient {PATIENT} (MRN {MRN}) celebrated a birthday on the ward today - "
         "born {DOB} and still the funniest person on the floor."),
        ("post", "staff_spotlight",
         "Staff spotlight: Nurse {STAFF} has led our night team since {YEAR}. "
         "Questions about visiting? Call our switchboard on {SWITCHBOARD}."),
        ("post", "event",
         "Flu shots are {PRICE} this week at our {CITY} clinic, open from {TIME}. "
         "In an emergency, always call {HOTLINE}."),
        ("post", "education",
         "Our online pharmacy ships free on orders over {PRICE}. Track order {ORDER} "
         "any time in the app."),
        ("post", "education",
         "Did you know? {STAT} adults has high blood pressure. Only your doctor should "
         "set a dose such as {DOSE}. Screening day: {CITY}, since {YEAR}."),
        ("reply", None,
         "Hi {PATIENT_FIRST}, we're sorry about the wait. Please DM us or call "
         "{SWITCHBOARD} and our patient relations team will help."),
        ("reply", None,
         "Thank you for the kind words! We have passed them to Nurse {STAFF} and the "
         "team on Ward 3. Our main line is {SWITCHBOARD}."),
        ("incoming", None,
         "Hello, my name is {PATIENT} and my MRN is {MRN}. Can someone call me back on "
         "{PHONE}? Email also works: {EMAIL}"),
        ("incoming", None,
         "I paid {PRICE} but my card {CARD} was charged twice for order {ORDER}. "
         "Please refund to my account {IBAN}."),
        ("incoming", None,
         "My father {RELATIVE}, {AGE90}, was admitted on {DATE}. His insurance member ID "
         "is {PLAN} and his SSN is {NATID}."),
        ("incoming", None,
         "I tried to log in to the portal from {IP} and got blocked. My profile is {URL}"),
        ("incoming", None,
         "My card number is {BAD_CARD}, is that why the payment for {PRICE} failed?"),
        ("incoming", None,
         "We live at {ADDRESS}, {POSTCODE}. Can the home care nurse come on {WEEKDAY}? "
         "You can text {PHONE}."),
        ("incoming", None,
         "The form says my social security number {BAD_ID} is wrong. I'm {PATIENT}, "
         "born {DOB}."),
        ("incoming", None,
         "Photos from mum's party are at {URL}. She is {AGE90} now - born {DOB}! "
         "Write to me at {EMAIL}."),
        ("post", "patient_story",
         "Thank you {PATIENT} for trusting us. Your daughter {RELATIVE} says you can "
         "reach her on {PHONE}."),
    ],
    "ar": [
        ("post", "patient_story",
         "تعرفوا على {PATIENT_FIRST} التي خضعت لعملية قلب مفتوح يوم {DATE}. "
         "في عمر {AGE90} عادت {PATIENT_FIRST} تمشي في الممر! 💙"),
        ("post", "patient_story",
         "ألف مبروك للمريض {PATIENT} على خروجه اليوم من الجناح الخامس بعد ٤١ يوماً. "
         "أرسلوا بطاقات التهنئة إلى {ADDRESS}، الرمز البريدي {POSTCODE}."),
        ("post", "patient_story",
         "احتفل مريضنا {PATIENT} (رقم الملف الطبي {MRN}) بعيد ميلاده في الجناح اليوم، "
         "فهو من مواليد {DOB}."),
        ("post", "staff_spotlight",
         "زميلتنا {STAFF} تقود فريق التمريض الليلي منذ عام {YEAR}. "
         "للاستفسار اتصلوا بالرقم الموحد {SWITCHBOARD}."),
        ("post", "event",
         "لقاح الإنفلونزا بسعر {PRICE} هذا الأسبوع في عيادتنا في {CITY}، من الساعة {TIME}. "
         "في الطوارئ اتصل على {HOTLINE}."),
        ("post", "education",
         "صيدليتنا الإلكترونية: الشحن مجاني للطلبات فوق {PRICE}. تتبّع الطلب رقم {ORDER} "
         "عبر التطبيق."),
        ("post", "education",
         "هل تعلم؟ {STAT} من البالغين مصابون بارتفاع ضغط الدم. الجرعة مثل {DOSE} يحددها "
         "طبيبك فقط. يوم الفحص في {CITY} منذ عام {YEAR}."),
        ("reply", None,
         "أهلاً {PATIENT_FIRST}، نعتذر عن التأخير. راسلنا على الخاص أو اتصل على "
         "{SWITCHBOARD} وسيساعدك فريق علاقات المرضى."),
        ("reply", None,
         "شكراً على كلماتك الطيبة! نقلناها إلى الممرضة {STAFF} وفريق الجناح الثالث. "
         "رقمنا الرئيسي {SWITCHBOARD}."),
        ("incoming", None,
         "السلام عليكم، اسمي {PATIENT} ورقم ملفي الطبي {MRN}. أرجو الاتصال بي على "
         "{PHONE} أو مراسلتي على {EMAIL}"),
        ("incoming", None,
         "دفعت {PRICE} لكن بطاقتي {CARD} خُصم منها مرتين للطلب {ORDER}. أرجو إرجاع المبلغ "
         "إلى الآيبان {IBAN}"),
        ("incoming", None,
         "والدي {RELATIVE} عمره {AGE90} ودخل المستشفى يوم {DATE}. رقم التأمين {PLAN} "
         "ورقم الهوية {NATID}."),
        ("incoming", None,
         "حاولت الدخول إلى البوابة من العنوان {IP} وتم حظري. هذا حسابي: {URL}"),
        ("incoming", None,
         "رقم بطاقتي {BAD_CARD}، هل لهذا السبب فشل دفع {PRICE}؟"),
        ("incoming", None,
         "نسكن في {ADDRESS}، الرمز البريدي {POSTCODE}. هل يمكن أن تزورنا ممرضة الرعاية "
         "المنزلية يوم {WEEKDAY}؟ جوالي {PHONE}"),
        ("incoming", None,
         "رقم هويتي {BAD_ID} ولا يقبله النظام. أنا {PATIENT} من مواليد {DOB}."),
        ("incoming", None,
         "صور حفلة أمي على {URL}. عمرها الآن {AGE90}، من مواليد {DOB}! راسلوني على {EMAIL}"),
        ("post", "patient_story",
         "شكراً {PATIENT} على ثقتك بنا. ابنتك {RELATIVE} تقول إن رقمها {PHONE}."),
    ],
    "fa": [
        ("post", "patient_story",
         "با {PATIENT_FIRST} آشنا شوید که در تاریخ {DATE} جراحی قلب باز شد. "
         "{PATIENT_FIRST}، {AGE90}، دوباره در راهرو قدم می‌زند! 💙"),
        ("post", "patient_story",
         "به {PATIENT} تبریک می‌گوییم که امروز پس از ۴۱ روز از بخش پنج مرخص شد. "
         "کارت‌های تبریک را به نشانی {ADDRESS}، کد پستی {POSTCODE} بفرستید."),
        ("post", "patient_story",
         "بیمار ما {PATIENT} (شماره پرونده {MRN}) امروز در بخش تولدش را جشن گرفت؛ "
         "متولد {DOB}."),
        ("post", "staff_spotlight",
         "همکار ما {STAFF} از سال {YEAR} سرپرست تیم پرستاری شب است. برای پرسش‌ها "
         "با شماره {SWITCHBOARD} تماس بگیرید."),
        ("post", "event",
         "واکسن آنفلوانزا این هفته {PRICE} در درمانگاه ما در {CITY}، از ساعت {TIME}. "
         "در موارد اورژانسی با {HOTLINE} تماس بگیرید."),
        ("post", "education",
         "داروخانهٔ آنلاین ما: ارسال رایگان برای سفارش‌های بالای {PRICE}. سفارش شمارهٔ "
         "{ORDER} را در اپ پیگیری کنید."),
        ("post", "education",
         "آیا می‌دانستید؟ {STAT} بزرگسالان فشار خون بالا دارند. دوزی مثل {DOSE} را فقط "
         "پزشک تعیین می‌کند. روز غربالگری در {CITY} از سال {YEAR}."),
        ("reply", None,
         "سلام {PATIENT_FIRST}، از تأخیر پوزش می‌خواهیم. لطفاً پیام خصوصی بدهید یا با "
         "{SWITCHBOARD} تماس بگیرید."),
        ("reply", None,
         "از لطف شما سپاسگزاریم! پیامتان را به پرستار {STAFF} و تیم بخش سه رساندیم. "
         "شمارهٔ اصلی ما {SWITCHBOARD} است."),
        ("incoming", None,
         "سلام، {PATIENT} هستم، شماره پرونده‌ام {MRN}. لطفاً با {PHONE} تماس بگیرید یا "
         "به {EMAIL} ایمیل بزنید."),
        ("incoming", None,
         "{PRICE} پرداخت کردم اما از کارتم {CARD} دو بار برای سفارش {ORDER} برداشت شد. "
         "لطفاً به شبای {IBAN} برگردانید."),
        ("incoming", None,
         "پدرم {RELATIVE}، {AGE90}، در تاریخ {DATE} بستری شد. کد ملی‌اش {NATID} و "
         "شماره بیمه‌اش {PLAN} است."),
        ("incoming", None,
         "از آی‌پی {IP} وارد سامانه شدم و مسدود شدم. صفحه‌ام: {URL}"),
        ("incoming", None,
         "شماره کارتم {BAD_CARD} است؛ برای همین پرداخت {PRICE} انجام نشد؟"),
        ("incoming", None,
         "نشانی ما {ADDRESS}، کد پستی {POSTCODE}. آیا پرستار مراقبت در منزل روز {WEEKDAY} "
         "می‌آید؟ شماره‌ام {PHONE}"),
        ("incoming", None,
         "کد ملی من {BAD_ID} است ولی سامانه قبول نمی‌کند. {PATIENT} هستم، متولد {DOB}."),
        ("incoming", None,
         "عکس‌های جشن مادرم در {URL} است. الان {AGE90} است، متولد {DOB}! به {EMAIL} "
         "پیام بدهید."),
        ("post", "patient_story",
         "از {PATIENT} بابت اعتمادش سپاسگزاریم. دخترش {RELATIVE} گفت شماره‌اش {PHONE} است."),
    ],
}  # fmt: skip
