"""Demo catalogue for the Ranong coffee cooperatives shop: plain data, no app imports.

The world: cooperatives of Ranong province that joined the "1 Chamber of Commerce,
1 Agricultural Cooperative" programme and sell robusta coffee, cashew nuts, honey and other local
goods through one marketplace, in Thai, English and Burmese, also to partner shops in Kawthaung
(Myanmar) across the water.

- ``CATEGORIES``: catalogue categories, ordered by ``position``.
- ``COOPERATIVES``: the sellers; ``district`` is a ``RanongDistrict`` value. The first one is the
  Ranong BAAC clients' cooperative that makes "Rae Nong Coffee" (แร่นองกาแฟ).
- ``PRODUCTS``: products with ``cooperative`` and ``category`` given as slugs, ``roast`` as a
  ``Roast`` value or None, ``days_old`` = days since publication, ``image`` = drawing hints for
  :mod:`shop.catalog.demo_images`, and ``variants`` with prices in satang (VAT included), shipping
  weight in grams and stock.
- ``PRICE_LISTS``: wholesale price lists, ``discount_bp`` off retail in basis points.
- ``PARTNER_SHOPS``: partner shops in Kawthaung: two approved (on net 15 with a credit limit in
  satang, and prepaid), one application waiting; ``price_list`` by name.
- ``ACCOUNTS``: sign-in accounts for trying the shop. The passwords are demo passwords and are
  shown to whoever sets up the demo; never use them outside a demo database.
"""

CATEGORIES = [
    {
        "slug": "instant-coffee",
        "name_th": "กาแฟ 3in1 และกาแฟสำเร็จรูป",
        "name_en": "3-in-1 & Instant Coffee",
        "name_my": "၃-မျိုးစပ် ကော်ဖီမစ်နှင့် အသင့်ဖျော် ကော်ဖီ",
        "position": 1,
    },
    {
        "slug": "coffee-beans",
        "name_th": "เมล็ดกาแฟคั่ว",
        "name_en": "Roasted Coffee Beans",
        "name_my": "လှော်ပြီး ကော်ဖီစေ့",
        "position": 2,
    },
    {
        "slug": "ground-coffee",
        "name_th": "กาแฟคั่วบด",
        "name_en": "Ground Coffee",
        "name_my": "ကော်ဖီမှုန့်",
        "position": 3,
    },
    {
        "slug": "drip-bags",
        "name_th": "กาแฟดริปแบบซอง",
        "name_en": "Drip Bag Coffee",
        "name_my": "ဒရစ်အိတ် ကော်ဖီ",
        "position": 4,
    },
    {
        "slug": "cashew-nuts",
        "name_th": "เม็ดมะม่วงหิมพานต์",
        "name_en": "Cashew Nuts",
        "name_my": "သီဟိုဠ်စေ့",
        "position": 5,
    },
    {
        "slug": "honey-local-goods",
        "name_th": "น้ำผึ้งและของดีชุมชน",
        "name_en": "Honey & Local Goods",
        "name_my": "ပျားရည်နှင့် ဒေသထွက်ကုန်",
        "position": 6,
    },
]

COOPERATIVES = [
    {
        "slug": "baac-clients-ranong",
        "name_th": "สหกรณ์การเกษตรเพื่อการตลาดลูกค้า ธ.ก.ส. ระนอง จำกัด",
        "name_en": "Ranong BAAC Clients' Agricultural Marketing Cooperative Ltd.",
        "name_my": "ရနောင်း BAAC ဖောက်သည်များ စိုက်ပျိုးရေး ဈေးကွက်ရှာဖွေရေး သမဝါယမအသင်း လီမိတက်",
        "story_th": (
            "สหกรณ์ของเกษตรกรลูกค้า ธ.ก.ส. ในจังหวัดระนอง รับซื้อกาแฟโรบัสต้าจากสมาชิกในอำเภอเมืองระนอง ละอุ่น "
            "และกระบุรี มาแปรรูปและจำหน่ายภายใต้ชื่อ “แร่นองกาแฟ” ตั้งแต่ปี 2559 สหกรณ์ร่วม “โครงการ 1 หอการค้า "
            "1 สหกรณ์การเกษตร” กับหอการค้าจังหวัดระนองและสำนักงานสหกรณ์จังหวัดระนอง "
            "เพื่อพัฒนาบรรจุภัณฑ์และหาตลาดใหม่ ทั้งในประเทศและที่เกาะสอง ประเทศเมียนมา ภายใต้คำขวัญ “คนระนอง "
            "กินกาแฟระนอง”"
        ),
        "story_en": (
            "A cooperative of BAAC farmer clients in Ranong that buys robusta from members in "
            "Mueang Ranong, La-un and Kra Buri, then processes and sells it as “Rae Nong Coffee”. "
            "Since 2016 it has taken part in the “1 Chamber of Commerce, 1 Agricultural "
            "Cooperative” programme with the Ranong Chamber of Commerce and the Ranong Provincial "
            "Cooperative Office, improving its packaging and finding new markets at home and "
            "across the water in Kawthaung, Myanmar. Its slogan: “Ranong people drink Ranong "
            "coffee”."
        ),
        "story_my": (
            "ရနောင်းပြည်နယ်ရှိ BAAC (စိုက်ပျိုးရေးနှင့် စိုက်ပျိုးရေးသမဝါယမ ဘဏ်) ၏ တောင်သူ ဖောက်သည်များ ဖွဲ့စည်းထားသော "
            "သမဝါယမအသင်း ဖြစ်သည်။ ရနောင်းမြို့၊ လအွန်နှင့် ကရာဘူရီ မြို့နယ်များရှိ အသင်းဝင်များထံမှ ရိုဘတ်စတာ ကော်ဖီကို ဝယ်ယူပြီး "
            "“ရဲနောင် ကော်ဖီ” အမည်ဖြင့် ထုတ်လုပ် ရောင်းချသည်။ ၂၀၁၆ ခုနှစ်မှစ၍ ရနောင်းပြည်နယ် ကုန်သည်များအသင်းနှင့် "
            "ရနောင်းပြည်နယ် သမဝါယမရုံးတို့နှင့်အတူ “ကုန်သည်အသင်း ၁ ခု၊ စိုက်ပျိုးရေးသမဝါယမ ၁ ခု” စီမံကိန်းတွင် ပါဝင်ကာ ထုပ်ပိုးမှုကို "
            "မြှင့်တင်ပြီး ထိုင်းပြည်တွင်းနှင့် မြန်မာနိုင်ငံ ကော့သောင်းမြို့အထိ ဈေးကွက်သစ်များ ရှာဖွေနေသည်။ ဆောင်ပုဒ်မှာ “ရနောင်းသား "
            "ရနောင်းကော်ဖီ သောက်” ဖြစ်သည်။"
        ),
        "district": "mueang-ranong",
        "address_th": "เลขที่ 99/9 ถนนเรืองราษฎร์ ตำบลเขานิเวศน์ อำเภอเมืองระนอง จังหวัดระนอง 85000",
        "address_en": "99/9 Ruangrat Road, Khao Niwet, Mueang Ranong, Ranong 85000",
        "address_my": "အမှတ် ၉၉/၉၊ ရွမ်ရတ်လမ်း၊ ခေါင်နီဝက် ရပ်ကွက်၊ ရနောင်းမြို့၊ ရနောင်းပြည်နယ် ၈၅၀၀၀",
        "founded_year": 2009,
        "member_count": 862,
        "phone": "077 811 234",
        "email": "shop@baac-ranong.example.org",
        "tax_id": "0855560000011",  # fictional, with a valid check digit
        "vat_registered": True,
    },
    {
        "slug": "la-un-robusta",
        "name_th": "สหกรณ์ผู้ปลูกกาแฟโรบัสต้าละอุ่น จำกัด",
        "name_en": "La-un Robusta Growers' Cooperative Ltd.",
        "name_my": "လအွန် ရိုဘတ်စတာ ကော်ဖီ စိုက်ပျိုးသူများ သမဝါယမအသင်း လီမိတက်",
        "story_th": (
            "สมาชิกส่วนใหญ่เป็นเกษตรกรรายย่อยในหุบเขาละอุ่น ปลูกกาแฟโรบัสต้าแซมในสวนผลไม้และสวนยาง "
            "ใต้ร่มสะตอและทุเรียน ฝนที่ตกชุกเกือบทั้งปีทำให้ผลกาแฟสุกช้าและได้รสเข้มเต็มปาก "
            "สหกรณ์มีลานตากและโรงคั่วขนาดเล็กของตัวเองที่ตำบลบางแก้ว "
            "สมาชิกจึงขายกาแฟคั่วได้ราคาดีกว่าขายเมล็ดกาแฟดิบ"
        ),
        "story_en": (
            "Most members are smallholders in the La-un valley who grow robusta among their fruit "
            "and rubber trees, in the shade of sator and durian. Rain falls almost all year, so "
            "the cherries ripen slowly and the cup is strong and full. The cooperative runs its "
            "own drying yard and a small roastery in Bang Kaeo, so members earn more from roasted "
            "coffee than from selling green beans."
        ),
        "story_my": (
            "အသင်းဝင် အများစုမှာ လအွန်ချိုင့်ဝှမ်းရှိ အသေးစား တောင်သူများ ဖြစ်ပြီး သစ်သီးခြံနှင့် ရော်ဘာခြံများကြားတွင် "
            "ဒူးရင်းပင်များ၏ အရိပ်အောက်၌ ရိုဘတ်စတာ ကော်ဖီ စိုက်ပျိုးကြသည်။ တစ်နှစ်ပတ်လုံးနီးပါး မိုးရွာသဖြင့် ကော်ဖီသီးများ "
            "ဖြည်းဖြည်းချင်း မှည့်ပြီး အရသာ ပြင်းထန် ပြည့်ဝသည်။ အသင်းတွင် ဘန်ကဲ့ ကျေးရွာအုပ်စု၌ ကိုယ်ပိုင် ကော်ဖီလှန်းကွင်းနှင့် "
            "ကော်ဖီလှော်ရုံငယ် ရှိသဖြင့် အသင်းဝင်များသည် ကော်ဖီစေ့စိမ်း ရောင်းရသည်ထက် လှော်ပြီး ကော်ဖီကို ပိုမိုကောင်းမွန်သော ဈေးဖြင့် "
            "ရောင်းနိုင်ကြသည်။"
        ),
        "district": "la-un",
        "address_th": "เลขที่ 45 หมู่ 3 ตำบลบางแก้ว อำเภอละอุ่น จังหวัดระนอง 85130",
        "address_en": "45 Moo 3, Bang Kaeo, La-un, Ranong 85130",
        "address_my": "အမှတ် ၄၅၊ ရွာအမှတ် ၃၊ ဘန်ကဲ့၊ လအွန်မြို့နယ်၊ ရနောင်းပြည်နယ် ၈၅၁၃၀",
        "founded_year": 2004,
        "member_count": 312,
        "phone": "077 899 107",
        "email": "hello@laun-robusta.example.org",
        "tax_id": "0855540000121",  # fictional, with a valid check digit
        "vat_registered": True,
    },
    {
        "slug": "kra-buri-cashew",
        "name_th": "สหกรณ์ผู้ปลูกมะม่วงหิมพานต์กระบุรี จำกัด",
        "name_en": "Kra Buri Cashew Growers' Cooperative Ltd.",
        "name_my": "ကရာဘူရီ သီဟိုဠ်စေ့ စိုက်ပျိုးသူများ သမဝါယမအသင်း လီမိတက်",
        "story_th": (
            "มะม่วงหิมพานต์อยู่คู่กระบุรีมาหลายชั่วอายุคน ปลูกบนดินปนทรายริมแม่น้ำกระบุรีซึ่งเป็นเส้นพรมแดนไทย–เมียนมา "
            "ในหน้าแล้งสมาชิกจะเก็บเมล็ดที่ร่วงจากต้นทุกเช้า แล้วส่งมาที่โรงกะเทาะของสหกรณ์ "
            "ที่นี่ยังกะเทาะและคัดเกรดด้วยมือ ก่อนนำไปคั่วหรืออบปรุงรสเป็นของขึ้นชื่อของระนอง"
        ),
        "story_en": (
            "Cashew trees have grown in Kra Buri for generations, on the sandy soil along the Kra "
            "Buri River that marks the Thai–Myanmar border. In the dry season members gather the "
            "nuts that fall each morning and bring them to the cooperative's shelling house. "
            "There the nuts are still shelled and graded by hand before being roasted or seasoned "
            "into one of Ranong's best-known products."
        ),
        "story_my": (
            "သီဟိုဠ်စေ့ပင်များကို ကရာဘူရီတွင် မျိုးဆက်ပေါင်းများစွာ စိုက်ပျိုးလာခဲ့ကြပြီး ထိုင်း–မြန်မာ နယ်နိမိတ်ဖြစ်သော ပါကချန်မြစ် "
            "(ကရာဘူရီမြစ်) တစ်လျှောက် သဲဆန်သော မြေပေါ်တွင် ပေါက်ရောက်သည်။ နွေရာသီတွင် အသင်းဝင်များသည် နံနက်တိုင်း အပင်မှ "
            "ကြွေကျသော အစေ့များကို ကောက်ယူပြီး အသင်း၏ အခွံခွာရုံသို့ ပို့ကြသည်။ ထိုနေရာတွင် ယနေ့တိုင် လက်ဖြင့် အခွံခွာ၍ အဆင့်ခွဲပြီးမှ "
            "လှော်ခြင်း သို့မဟုတ် အရသာထည့်ခြင်း ပြုလုပ်ကာ ရနောင်း၏ နာမည်ကြီး ထုတ်ကုန်တစ်ခု ဖြစ်လာသည်။"
        ),
        "district": "kra-buri",
        "address_th": "เลขที่ 112 หมู่ 1 ตำบลน้ำจืด อำเภอกระบุรี จังหวัดระนอง 85110",
        "address_en": "112 Moo 1, Nam Chuet, Kra Buri, Ranong 85110",
        "address_my": "အမှတ် ၁၁၂၊ ရွာအမှတ် ၁၊ နမ်ချွတ်၊ ကရာဘူရီမြို့နယ်၊ ရနောင်းပြည်နယ် ၈၅၁၁၀",
        "founded_year": 1998,
        "member_count": 540,
        "phone": "077 871 452",
        "email": "sales@kraburi-cashew.example.org",
        "tax_id": "0855530000234",  # fictional, with a valid check digit
        "vat_registered": False,
    },
    {
        "slug": "kapoe-agricultural",
        "name_th": "สหกรณ์การเกษตรกะเปอร์ จำกัด",
        "name_en": "Kapoe Agricultural Cooperative Ltd.",
        "name_my": "ကပေါ် စိုက်ပျိုးရေး သမဝါယမအသင်း လီမိတက်",
        "story_th": (
            "สหกรณ์การเกษตรประจำอำเภอที่ดูแลทั้งชาวสวนบนควนและชาวประมงพื้นบ้านริมป่าชายเลน "
            "สมาชิกบนที่สูงปลูกกาแฟโรบัสต้าและมะม่วงหิมพานต์ ส่วนครอบครัวริมคลองกะเปอร์ทำกุ้งแห้งและปลาเค็มตากแดด "
            "สหกรณ์รับซื้อผลผลิตในราคาที่ตกลงกันไว้ และช่วยออกแบบบรรจุภัณฑ์ให้สมาชิกขายออนไลน์ได้"
        ),
        "story_en": (
            "Kapoe's district agricultural cooperative serves both hillside farmers and "
            "small-scale fishers on the mangrove coast. Members up in the hills grow robusta and "
            "cashews, while families along the Kapoe canal make sun-dried shrimp and salted fish. "
            "The cooperative buys their produce at agreed prices and helps with packaging so that "
            "members can sell online."
        ),
        "story_my": (
            "ကပေါ်မြို့နယ်၏ စိုက်ပျိုးရေး သမဝါယမအသင်း ဖြစ်ပြီး တောင်ကုန်းပေါ်ရှိ ခြံသမားများနှင့် ဒီရေတော ကမ်းခြေရှိ အသေးစား "
            "ရေလုပ်သားများ နှစ်မျိုးလုံးကို ကူညီပေးသည်။ တောင်ပေါ်ရှိ အသင်းဝင်များက ရိုဘတ်စတာ ကော်ဖီနှင့် သီဟိုဠ်စေ့ စိုက်ပြီး "
            "ကပေါ်ချောင်း တစ်လျှောက်ရှိ မိသားစုများက နေလှန်း ပုစွန်ခြောက်နှင့် ငါးခြောက် ပြုလုပ်ကြသည်။ အသင်းက သဘောတူထားသော "
            "ဈေးဖြင့် ဝယ်ယူပေးပြီး အွန်လိုင်းတွင် ရောင်းနိုင်ရန် ထုပ်ပိုးမှုကိုပါ ကူညီသည်။"
        ),
        "district": "kapoe",
        "address_th": "เลขที่ 9 หมู่ 2 ถนนเพชรเกษม ตำบลกะเปอร์ อำเภอกะเปอร์ จังหวัดระนอง 85120",
        "address_en": "9 Moo 2, Phetkasem Road, Kapoe, Kapoe District, Ranong 85120",
        "address_my": "အမှတ် ၉၊ ရွာအမှတ် ၂၊ ဖက်ကဆမ်လမ်း၊ ကပေါ်၊ ကပေါ်မြို့နယ်၊ ရနောင်းပြည်နယ် ၈၅၁၂၀",
        "founded_year": 1979,
        "member_count": 1146,
        "phone": "077 891 026",
        "email": "office@kapoe-coop.example.org",
        "tax_id": "0855570000341",  # fictional, with a valid check digit
        "vat_registered": False,
    },
    {
        "slug": "suksamran-agricultural",
        "name_th": "สหกรณ์การเกษตรสุขสำราญ จำกัด",
        "name_en": "Suksamran Agricultural Cooperative Ltd.",
        "name_my": "ဆုက်စမ်ရန် စိုက်ပျိုးရေး သမဝါယမအသင်း လီမိတက်",
        "story_th": (
            "สมาชิกในตำบลนาคาและกำพวนทำสวนผสมอยู่ระหว่างป่าต้นน้ำกับทะเลอันดามัน ใกล้อุทยานแห่งชาติแหลมสน "
            "หลายครอบครัวเลี้ยงผึ้งชันโรงไว้ในสวนกาแฟและสวนเงาะ ผึ้งช่วยผสมเกสรให้ดอกกาแฟติดผลดีขึ้น "
            "สหกรณ์จึงพัฒนาน้ำผึ้ง ชาใบกาแฟ และกาแฟคั่วบด เป็นสินค้าชุมชนที่ขายได้ตลอดทั้งปี"
        ),
        "story_en": (
            "Members in Nakha and Kamphuan farm mixed orchards between the headwater forest and "
            "the Andaman Sea, close to Laem Son National Park. Many families keep stingless bees "
            "among their coffee and rambutan trees, where the bees help the coffee flowers set "
            "fruit. From this the cooperative has built a year-round range of honey, coffee-leaf "
            "tea and ground coffee."
        ),
        "story_my": (
            "နာခါနှင့် ကမ်ဖွမ် ကျေးရွာအုပ်စုများရှိ အသင်းဝင်များသည် လန်ဆွန် အမျိုးသားဥယျာဉ်အနီး ရေဆင်းတောနှင့် "
            "အန်ဒမန်ပင်လယ်ကြားတွင် ရောနှော စိုက်ခင်းများ လုပ်ကိုင်ကြသည်။ မိသားစု အများအပြားက ကော်ဖီခြံနှင့် "
            "ကြက်မောက်ခြံများထဲတွင် မတုပ်သော ပျားငယ်များကို မွေးထားပြီး ထိုပျားများက ကော်ဖီပွင့်များ အသီးကောင်းကောင်း "
            "သီးစေရန် ဝတ်မှုန်ကူးပေးသည်။ ထို့ကြောင့် အသင်းသည် ပျားရည်၊ ကော်ဖီရွက် လက်ဖက်ခြောက်နှင့် ကော်ဖီမှုန့်တို့ကို တစ်နှစ်ပတ်လုံး "
            "ရောင်းနိုင်သော ဒေသထွက်ကုန်များအဖြစ် ဖော်ဆောင်ခဲ့သည်။"
        ),
        "district": "suksamran",
        "address_th": "เลขที่ 88 หมู่ 4 ตำบลนาคา อำเภอสุขสำราญ จังหวัดระนอง 85120",
        "address_en": "88 Moo 4, Nakha, Suksamran, Ranong 85120",
        "address_my": "အမှတ် ၈၈၊ ရွာအမှတ် ၄၊ နာခါ၊ ဆုက်စမ်ရန်မြို့နယ်၊ ရနောင်းပြည်နယ် ၈၅၁၂၀",
        "founded_year": 1994,
        "member_count": 428,
        "phone": "077 894 315",
        "email": "coop@suksamran-coop.example.org",
        "tax_id": "0855550000451",  # fictional, with a valid check digit
        "vat_registered": False,
    },
]

PRODUCTS = [
    {
        "slug": "rae-nong-3in1-original",
        "cooperative": "baac-clients-ranong",
        "category": "instant-coffee",
        "name_th": "แร่นองกาแฟ 3in1 สูตรดั้งเดิม",
        "name_en": "Rae Nong Coffee 3-in-1 Original",
        "name_my": "ရဲနောင် ကော်ဖီ ၃-မျိုးစပ် (မူရင်း)",
        "description_th": (
            "กาแฟปรุงสำเร็จชนิดผง 3in1 จากกาแฟโรบัสต้าระนองของสมาชิกสหกรณ์ "
            "ผสมครีมเทียมและน้ำตาลในแบบที่คนใต้คุ้นเคย หอม เข้ม หวานมัน ฉีกซองชงกับน้ำร้อน 150–180 มล. ได้ทันที "
            "เป็นสินค้าหลักของแคมเปญ “คนระนอง กินกาแฟระนอง”"
        ),
        "description_en": (
            "Instant 3-in-1 coffee made from Ranong robusta grown by the cooperative's members, "
            "blended with creamer and sugar the way people in the South like it: strong, sweet "
            "and rich. Tear open a sachet and stir into 150–180 ml of hot water. The flagship of "
            "the “Ranong people drink Ranong coffee” campaign."
        ),
        "description_my": (
            "အသင်းဝင်များ စိုက်ပျိုးသော ရနောင်း ရိုဘတ်စတာ ကော်ဖီဖြင့် ပြုလုပ်ထားသော ၃-မျိုးစပ် ကော်ဖီမစ် ဖြစ်ပြီး ခရင်မာနှင့် "
            "သကြားကို ထိုင်းတောင်ပိုင်းသားများ ကြိုက်နှစ်သက်သလို ပြင်းပြင်း ချိုချို ဆိမ့်ဆိမ့် ရောစပ်ထားသည်။ တစ်ထုပ်ကို ရေနွေး "
            "၁၅၀–၁၈၀ မီလီလီတာဖြင့် ဖျော်ရုံသာ ဖြစ်သည်။ “ရနောင်းသား ရနောင်းကော်ဖီ သောက်” လှုပ်ရှားမှု၏ အဓိက ထုတ်ကုန် ဖြစ်သည်။"
        ),
        "origin_th": "โรบัสต้าจากสวนสมาชิกในอำเภอเมืองระนอง ละอุ่น และกระบุรี บรรจุที่ระนอง",
        "origin_en": (
            "Robusta from members' farms in Mueang Ranong, La-un and Kra Buri; packed in Ranong"
        ),
        "origin_my": "ရနောင်းမြို့၊ လအွန်နှင့် ကရာဘူရီ မြို့နယ်ရှိ အသင်းဝင်ခြံများမှ ရိုဘတ်စတာ၊ ရနောင်းတွင် ထုပ်ပိုးသည်",
        "roast": None,
        "is_featured": True,
        "days_old": 95,
        "image": {
            "shape": "box",
            "colour": "#7a2e1c",
            "accent": "#f2c14e",
            "label": "RAE NONG",
            "sublabel": "3IN1 COFFEE",
        },
        "variants": [
            {
                "sku": "RNC-3IN1-10",
                "name_th": "กล่อง 10 ซอง",
                "name_en": "Box of 10 sachets",
                "name_my": "၁၀ ထုပ်ပါ ဘူး",
                "pack_size": 10,
                "weight_grams": 230,
                "price_satang": 6500,
                "stock": 140,
                "low_stock_threshold": 10,
            },
            {
                "sku": "RNC-3IN1-30",
                "name_th": "กล่อง 30 ซอง",
                "name_en": "Box of 30 sachets",
                "name_my": "၃၀ ထုပ်ပါ ဘူး",
                "pack_size": 30,
                "weight_grams": 640,
                "price_satang": 17900,
                "stock": 96,
                "low_stock_threshold": 10,
            },
            {
                "sku": "RNC-3IN1-50",
                "name_th": "กล่อง 50 ซอง",
                "name_en": "Box of 50 sachets",
                "name_my": "၅၀ ထုပ်ပါ ဘူး",
                "pack_size": 50,
                "weight_grams": 1050,
                "price_satang": 27900,
                "stock": 58,
                "low_stock_threshold": 10,
            },
            {
                "sku": "RNC-3IN1-100",
                "name_th": "ถุงใหญ่ 100 ซอง",
                "name_en": "Large bag of 100 sachets",
                "name_my": "၁၀၀ ထုပ်ပါ အိတ်ကြီး",
                "pack_size": 100,
                "weight_grams": 2100,
                "price_satang": 52000,
                "stock": 3,
                "low_stock_threshold": 5,
            },
        ],
    },
    {
        "slug": "rae-nong-3in1-less-sugar",
        "cooperative": "baac-clients-ranong",
        "category": "instant-coffee",
        "name_th": "แร่นองกาแฟ 3in1 สูตรหวานน้อย",
        "name_en": "Rae Nong Coffee 3-in-1 Less Sugar",
        "name_my": "ရဲနောင် ကော်ဖီ ၃-မျိုးစပ် (သကြားလျှော့)",
        "description_th": (
            "สูตรใหม่ที่ลดน้ำตาลลงราว 30% จากสูตรดั้งเดิม แต่ยังคงความเข้มของกาแฟโรบัสต้าระนองไว้ครบ "
            "เหมาะกับคนที่ดื่มกาแฟวันละหลายแก้วหรืออยากควบคุมน้ำตาล ชงร้อนหรือเทราดน้ำแข็งก็อร่อย"
        ),
        "description_en": (
            "A new recipe with about 30% less sugar than the original, still with the full "
            "strength of Ranong robusta. Good for anyone who drinks several cups a day or watches "
            "their sugar. Delicious hot or poured over ice."
        ),
        "description_my": (
            "မူရင်းထက် သကြား ၃၀ ရာခိုင်နှုန်းခန့် လျှော့ထားသော ဖော်မြူလာသစ် ဖြစ်သော်လည်း ရနောင်း ရိုဘတ်စတာ၏ ပြင်းအား "
            "မပျက်ပါ။ တစ်နေ့ အကြိမ်ကြိမ် သောက်သူများ သို့မဟုတ် သကြားဓာတ် ထိန်းချင်သူများအတွက် သင့်တော်သည်။ ပူပူ သောက်သည်ဖြစ်စေ၊ "
            "ရေခဲနှင့် သောက်သည်ဖြစ်စေ အရသာရှိသည်။"
        ),
        "origin_th": "โรบัสต้าจากสวนสมาชิกในอำเภอเมืองระนอง ละอุ่น และกระบุรี บรรจุที่ระนอง",
        "origin_en": (
            "Robusta from members' farms in Mueang Ranong, La-un and Kra Buri; packed in Ranong"
        ),
        "origin_my": "ရနောင်းမြို့၊ လအွန်နှင့် ကရာဘူရီ မြို့နယ်ရှိ အသင်းဝင်ခြံများမှ ရိုဘတ်စတာ၊ ရနောင်းတွင် ထုပ်ပိုးသည်",
        "roast": None,
        "is_featured": False,
        "days_old": 30,
        "image": {
            "shape": "box",
            "colour": "#2f5d50",
            "accent": "#f4e3c1",
            "label": "RAE NONG",
            "sublabel": "LESS SUGAR",
        },
        "variants": [
            {
                "sku": "RNC-LS-10",
                "name_th": "กล่อง 10 ซอง",
                "name_en": "Box of 10 sachets",
                "name_my": "၁၀ ထုပ်ပါ ဘူး",
                "pack_size": 10,
                "weight_grams": 220,
                "price_satang": 7000,
                "stock": 80,
                "low_stock_threshold": 10,
            },
            {
                "sku": "RNC-LS-30",
                "name_th": "กล่อง 30 ซอง",
                "name_en": "Box of 30 sachets",
                "name_my": "၃၀ ထုပ်ပါ ဘူး",
                "pack_size": 30,
                "weight_grams": 610,
                "price_satang": 18900,
                "stock": 44,
                "low_stock_threshold": 10,
            },
            {
                "sku": "RNC-LS-50",
                "name_th": "กล่อง 50 ซอง",
                "name_en": "Box of 50 sachets",
                "name_my": "၅၀ ထုပ်ပါ ဘူး",
                "pack_size": 50,
                "weight_grams": 1000,
                "price_satang": 29500,
                "stock": 0,
                "low_stock_threshold": 10,
            },
        ],
    },
    {
        "slug": "rae-nong-black-instant",
        "cooperative": "baac-clients-ranong",
        "category": "instant-coffee",
        "hs_code": "2101.11",  # extracts of coffee, not a mix
        "name_th": "แร่นองกาแฟดำ ไม่มีน้ำตาล",
        "name_en": "Rae Nong Black Instant Coffee, No Sugar",
        "name_my": "ရဲနောင် ကော်ဖီမဲ (သကြားမပါ)",
        "description_th": (
            "กาแฟดำสำเร็จรูปแบบซองแท่ง ซองละ 2 กรัม ทำจากกาแฟโรบัสต้าระนองล้วน ไม่มีน้ำตาลและครีมเทียม "
            "ชงกับน้ำร้อนได้กาแฟดำรสเข้ม หรือจะเติมนมตามชอบก็ได้"
        ),
        "description_en": (
            "Instant black coffee in 2 g stick sachets, made from pure Ranong robusta with no "
            "sugar or creamer. Stir into hot water for a strong black coffee, or add milk to "
            "taste."
        ),
        "description_my": (
            "တစ်ထုပ်လျှင် ၂ ဂရမ်ပါ အသင့်ဖျော် ကော်ဖီမဲ ချောင်းထုပ် ဖြစ်ပြီး ရနောင်း ရိုဘတ်စတာ သက်သက်ဖြင့် ပြုလုပ်ထားကာ "
            "သကြားနှင့် ခရင်မာ မပါပါ။ ရေနွေးနှင့် ဖျော်လျှင် ပြင်းသော ကော်ဖီမဲ ရပြီး နို့ကို ကြိုက်သလောက် ထည့်နိုင်သည်။"
        ),
        "origin_th": "โรบัสต้าจากสวนสมาชิกในอำเภอเมืองระนอง ละอุ่น และกระบุรี บรรจุที่ระนอง",
        "origin_en": (
            "Robusta from members' farms in Mueang Ranong, La-un and Kra Buri; packed in Ranong"
        ),
        "origin_my": "ရနောင်းမြို့၊ လအွန်နှင့် ကရာဘူရီ မြို့နယ်ရှိ အသင်းဝင်ခြံများမှ ရိုဘတ်စတာ၊ ရနောင်းတွင် ထုပ်ပိုးသည်",
        "roast": None,
        "is_featured": False,
        "days_old": 60,
        "image": {
            "shape": "box",
            "colour": "#1f1a17",
            "accent": "#c8553d",
            "label": "RAE NONG",
            "sublabel": "BLACK COFFEE",
        },
        "variants": [
            {
                "sku": "RNC-BLK-20",
                "name_th": "กล่อง 20 ซอง",
                "name_en": "Box of 20 sticks",
                "name_my": "၂၀ ချောင်းပါ ဘူး",
                "pack_size": 20,
                "weight_grams": 80,
                "price_satang": 9500,
                "stock": 65,
                "low_stock_threshold": 5,
            },
            {
                "sku": "RNC-BLK-50",
                "name_th": "กล่อง 50 ซอง",
                "name_en": "Box of 50 sticks",
                "name_my": "၅၀ ချောင်းပါ ဘူး",
                "pack_size": 50,
                "weight_grams": 170,
                "price_satang": 21900,
                "stock": 38,
                "low_stock_threshold": 5,
            },
        ],
    },
    {
        "slug": "rae-nong-robusta-beans-medium",
        "cooperative": "baac-clients-ranong",
        "category": "coffee-beans",
        "name_th": "เมล็ดกาแฟโรบัสต้าระนอง คั่วกลาง",
        "name_en": "Ranong Robusta Whole Beans, Medium Roast",
        "name_my": "ရနောင်း ရိုဘတ်စတာ ကော်ဖီစေ့ (အလတ်လှော်)",
        "description_th": (
            "เมล็ดกาแฟโรบัสต้าคัดเกรดจากสมาชิกสหกรณ์ คั่วระดับกลางให้ความขมและความหวานสมดุลกัน "
            "มีกลิ่นช็อกโกแลตและถั่วคั่ว เหมาะกับเอสเปรสโซ หม้อมอคค่า และกาแฟโบราณ ถุงมีวาล์วระบายก๊าซ "
            "คั่วใหม่ทุกสัปดาห์"
        ),
        "description_en": (
            "Selected robusta beans from the cooperative's members, roasted medium for a balance "
            "of bitterness and sweetness, with notes of chocolate and roasted nuts. Good for "
            "espresso, moka pot and traditional Thai filter coffee. The bag has a one-way valve; "
            "roasted fresh every week."
        ),
        "description_my": (
            "အသင်းဝင်များထံမှ ရွေးချယ်ထားသော ရိုဘတ်စတာ ကော်ဖီစေ့များကို အလတ်လှော် လှော်ထားသဖြင့် ခါးသက်မှုနှင့် ချိုမြမှု ညီမျှပြီး "
            "ချောကလက်နှင့် မြေပဲလှော် အနံ့ ရှိသည်။ အက်စပရက်ဆို၊ မိုကာအိုးနှင့် ထိုင်းရိုးရာ ကော်ဖီစစ်အတွက် သင့်တော်သည်။ အိတ်တွင် လေထွက်အဆို့ရှင် "
            "ပါပြီး အပတ်စဉ် အသစ် လှော်သည်။"
        ),
        "origin_th": "ปลูกบนควนความสูง 200–400 เมตร ในอำเภอเมืองระนองและละอุ่น ตากแห้งแบบธรรมชาติ",
        "origin_en": "Grown on hillsides at 200–400 m in Mueang Ranong and La-un; sun-dried whole",
        "origin_my": "ရနောင်းမြို့နှင့် လအွန်မြို့နယ်ရှိ မီတာ ၂၀၀–၄၀၀ တောင်စောင်းများတွင် စိုက်ပျိုးပြီး နေလှန်းသည်",
        "roast": "medium",
        "is_featured": True,
        "days_old": 110,
        "image": {
            "shape": "bag",
            "colour": "#3b2418",
            "accent": "#d9a441",
            "label": "RAE NONG",
            "sublabel": "ROBUSTA MEDIUM",
        },
        "variants": [
            {
                "sku": "RNC-BN-M-250",
                "name_th": "ถุง 250 กรัม",
                "name_en": "250 g bag",
                "name_my": "၂၅၀ ဂရမ် အိတ်",
                "pack_size": 1,
                "weight_grams": 270,
                "price_satang": 18000,
                "stock": 120,
                "low_stock_threshold": 5,
            },
            {
                "sku": "RNC-BN-M-500",
                "name_th": "ถุง 500 กรัม",
                "name_en": "500 g bag",
                "name_my": "၅၀၀ ဂရမ် အိတ်",
                "pack_size": 1,
                "weight_grams": 520,
                "price_satang": 33000,
                "stock": 64,
                "low_stock_threshold": 5,
            },
            {
                "sku": "RNC-BN-M-1KG",
                "name_th": "ถุง 1 กิโลกรัม",
                "name_en": "1 kg bag",
                "name_my": "၁ ကီလိုဂရမ် အိတ်",
                "pack_size": 1,
                "weight_grams": 1040,
                "price_satang": 60000,
                "stock": 22,
                "low_stock_threshold": 5,
            },
        ],
    },
    {
        "slug": "rae-nong-ground-dark",
        "cooperative": "baac-clients-ranong",
        "category": "ground-coffee",
        "name_th": "แร่นองกาแฟ คั่วบด คั่วเข้ม",
        "name_en": "Rae Nong Ground Coffee, Dark Roast",
        "name_my": "ရဲနောင် ကော်ဖီမှုန့် (အရင့်လှော်)",
        "description_th": (
            "โรบัสต้าระนองคั่วเข้ม บดละเอียดปานกลาง เหมาะกับถุงผ้าชงกาแฟโบราณ หม้อต้ม และเครื่องชงแบบหยด "
            "รสขมเข้ม บอดี้หนา ใส่นมข้นหวานแล้วหอมมันเหมือนกาแฟร้านเช้าในตลาดระนอง"
        ),
        "description_en": (
            "Dark-roasted Ranong robusta with a medium-fine grind, for the traditional cloth "
            "filter, a stovetop pot or a drip machine. Bold and bitter with a heavy body; with "
            "sweetened condensed milk it tastes just like the morning coffee shops in Ranong's "
            "market."
        ),
        "description_my": (
            "ရနောင်း ရိုဘတ်စတာကို အရင့်လှော်ပြီး အလတ်စား ညက်ညက် ကြိတ်ထားသဖြင့် ရိုးရာ အဝတ်စစ်၊ ကော်ဖီအိုးနှင့် ဒရစ်စက်တို့အတွက် "
            "သင့်တော်သည်။ ခါးပြင်းပြီး အရသာ ထူထဲသည်။ နို့ဆီ ထည့်လိုက်လျှင် ရနောင်းဈေးထဲက မနက်ခင်း ကော်ဖီဆိုင်များ၏ အရသာအတိုင်း "
            "မွှေးဆိမ့်သည်။"
        ),
        "origin_th": "ปลูกบนควนความสูง 200–400 เมตร ในอำเภอเมืองระนองและละอุ่น ตากแห้งแบบธรรมชาติ",
        "origin_en": "Grown on hillsides at 200–400 m in Mueang Ranong and La-un; sun-dried whole",
        "origin_my": "ရနောင်းမြို့နှင့် လအွန်မြို့နယ်ရှိ မီတာ ၂၀၀–၄၀၀ တောင်စောင်းများတွင် စိုက်ပျိုးပြီး နေလှန်းသည်",
        "roast": "dark",
        "is_featured": False,
        "days_old": 75,
        "image": {
            "shape": "pouch",
            "colour": "#2b1b14",
            "accent": "#e07a2f",
            "label": "RAE NONG",
            "sublabel": "GROUND DARK",
        },
        "variants": [
            {
                "sku": "RNC-GR-D-250",
                "name_th": "ถุง 250 กรัม",
                "name_en": "250 g bag",
                "name_my": "၂၅၀ ဂရမ် အိတ်",
                "pack_size": 1,
                "weight_grams": 270,
                "price_satang": 17500,
                "stock": 88,
                "low_stock_threshold": 5,
            },
            {
                "sku": "RNC-GR-D-500",
                "name_th": "ถุง 500 กรัม",
                "name_en": "500 g bag",
                "name_my": "၅၀၀ ဂရမ် အိတ်",
                "pack_size": 1,
                "weight_grams": 520,
                "price_satang": 32000,
                "stock": 41,
                "low_stock_threshold": 5,
            },
        ],
    },
    {
        "slug": "rae-nong-drip-bags-medium",
        "cooperative": "baac-clients-ranong",
        "category": "drip-bags",
        "name_th": "แร่นองกาแฟ ดริปแบ็ก คั่วกลาง",
        "name_en": "Rae Nong Drip Bags, Medium Roast",
        "name_my": "ရဲနောင် ဒရစ်အိတ် ကော်ဖီ (အလတ်လှော်)",
        "description_th": (
            "กาแฟคั่วบดบรรจุในซองดริปพร้อมหูแขวน ซองละ 10 กรัม แค่แขวนบนแก้วแล้วค่อยๆ รินน้ำร้อน "
            "ก็ได้กาแฟดริปสดใหม่โดยไม่ต้องมีอุปกรณ์ พกไปทำงานหรือเดินทางได้สะดวก"
        ),
        "description_en": (
            "Ground coffee in hanging drip bags, 10 g each. Hook one over your cup and slowly "
            "pour in hot water for a fresh pour-over without any equipment. Easy to take to work "
            "or on a trip."
        ),
        "description_my": (
            "တစ်အိတ်လျှင် ၁၀ ဂရမ်ပါ ချိတ်ဆွဲနိုင်သော ဒရစ်အိတ်ထဲတွင် ကော်ဖီမှုန့် ထည့်ထားသည်။ ခွက်ပေါ်တွင် ချိတ်ပြီး ရေနွေးကို "
            "ဖြည်းဖြည်းချင်း လောင်းရုံဖြင့် ကိရိယာ မလိုဘဲ လတ်ဆတ်သော ကော်ဖီ ရသည်။ ရုံးသို့ သို့မဟုတ် ခရီးသွားရာတွင် ယူသွားရ လွယ်ကူသည်။"
        ),
        "origin_th": "ปลูกบนควนความสูง 200–400 เมตร ในอำเภอเมืองระนองและละอุ่น ตากแห้งแบบธรรมชาติ",
        "origin_en": "Grown on hillsides at 200–400 m in Mueang Ranong and La-un; sun-dried whole",
        "origin_my": "ရနောင်းမြို့နှင့် လအွန်မြို့နယ်ရှိ မီတာ ၂၀၀–၄၀၀ တောင်စောင်းများတွင် စိုက်ပျိုးပြီး နေလှန်းသည်",
        "roast": "medium",
        "is_featured": False,
        "days_old": 12,
        "image": {
            "shape": "dripbag",
            "colour": "#7a2e1c",
            "accent": "#f2c14e",
            "label": "RAE NONG",
            "sublabel": "DRIP BAG",
        },
        "variants": [
            {
                "sku": "RNC-DRIP-5",
                "name_th": "กล่อง 5 ซอง",
                "name_en": "Box of 5 drip bags",
                "name_my": "ဒရစ်အိတ် ၅ အိတ်ပါ ဘူး",
                "pack_size": 5,
                "weight_grams": 90,
                "price_satang": 8000,
                "stock": 75,
                "low_stock_threshold": 5,
            },
            {
                "sku": "RNC-DRIP-10",
                "name_th": "กล่อง 10 ซอง",
                "name_en": "Box of 10 drip bags",
                "name_my": "ဒရစ်အိတ် ၁၀ အိတ်ပါ ဘူး",
                "pack_size": 10,
                "weight_grams": 170,
                "price_satang": 15000,
                "stock": 60,
                "low_stock_threshold": 5,
            },
        ],
    },
    {
        "slug": "la-un-robusta-beans-light",
        "cooperative": "la-un-robusta",
        "category": "coffee-beans",
        "name_th": "เมล็ดกาแฟโรบัสต้าละอุ่น คั่วอ่อน",
        "name_en": "La-un Robusta Beans, Light Roast",
        "name_my": "လအွန် ရိုဘတ်စတာ ကော်ဖီစေ့ (အနုလှော်)",
        "description_th": (
            "โรบัสต้าที่เก็บเฉพาะผลสุกแดง คั่วอ่อนเพื่อเก็บกลิ่นผลไม้และความหวานของเมล็ดไว้ มีโทนน้ำตาลทรายแดง ถั่ว "
            "และเปรี้ยวอ่อนๆ คล้ายมะขาม เหมาะกับดริปและโคลด์บรูว์"
        ),
        "description_en": (
            "Robusta picked only as ripe red cherries and roasted light to keep the fruit and "
            "sweetness of the bean, with notes of brown sugar, nuts and a gentle tamarind-like "
            "acidity. Best for pour-over and cold brew."
        ),
        "description_my": (
            "ရဲရဲနီအောင် မှည့်သော ကော်ဖီသီးများကိုသာ ရွေးခူးထားသော ရိုဘတ်စတာ ဖြစ်ပြီး အသီး၏ အနံ့နှင့် ချိုမြမှုကို ထိန်းထားရန် "
            "အနုလှော် လှော်ထားသည်။ သကြားညို၊ အခွံမာသီးနှင့် မန်ကျည်းကဲ့သို့ ချဉ်ချဉ်လေး အရသာ ရှိပြီး ဒရစ်နှင့် ရေအေးစိမ် ကော်ဖီအတွက် "
            "အကောင်းဆုံး ဖြစ်သည်။"
        ),
        "origin_th": "สวนร่มไม้ในหุบเขาละอุ่น ตำบลบางแก้วและในวงเหนือ ความสูง 200–350 เมตร",
        "origin_en": "Shade-grown in the La-un valley, Bang Kaeo and Nai Wong Nuea, 200–350 m",
        "origin_my": "လအွန်ချိုင့်ဝှမ်း ဘန်ကဲ့နှင့် နိုင်ဝေါင်မြောက်ရှိ မီတာ ၂၀၀–၃၅၀ အရိပ်ရ ခြံများ",
        "roast": "light",
        "is_featured": False,
        "days_old": 40,
        "image": {
            "shape": "bag",
            "colour": "#c9a27e",
            "accent": "#2d6a4f",
            "label": "LA-UN",
            "sublabel": "LIGHT ROAST",
        },
        "variants": [
            {
                "sku": "LAU-BN-L-250",
                "name_th": "ถุง 250 กรัม",
                "name_en": "250 g bag",
                "name_my": "၂၅၀ ဂရမ် အိတ်",
                "pack_size": 1,
                "weight_grams": 270,
                "price_satang": 19500,
                "stock": 54,
                "low_stock_threshold": 5,
            },
            {
                "sku": "LAU-BN-L-500",
                "name_th": "ถุง 500 กรัม",
                "name_en": "500 g bag",
                "name_my": "၅၀၀ ဂရမ် အိတ်",
                "pack_size": 1,
                "weight_grams": 520,
                "price_satang": 36000,
                "stock": 27,
                "low_stock_threshold": 5,
            },
            {
                "sku": "LAU-BN-L-1KG",
                "name_th": "ถุง 1 กิโลกรัม",
                "name_en": "1 kg bag",
                "name_my": "၁ ကီလိုဂရမ် အိတ်",
                "pack_size": 1,
                "weight_grams": 1040,
                "price_satang": 65000,
                "stock": 2,
                "low_stock_threshold": 5,
            },
        ],
    },
    {
        "slug": "la-un-robusta-beans-dark",
        "cooperative": "la-un-robusta",
        "category": "coffee-beans",
        "name_th": "เมล็ดกาแฟโรบัสต้าละอุ่น คั่วเข้ม",
        "name_en": "La-un Robusta Beans, Dark Roast",
        "name_my": "လအွန် ရိုဘတ်စတာ ကော်ဖီစေ့ (အရင့်လှော်)",
        "description_th": (
            "คั่วเข้มจนน้ำมันเริ่มขึ้นผิวเมล็ด ได้รสขมเข้ม หวานแบบคาราเมลไหม้ และกลิ่นควันอ่อนๆ "
            "ชงเอสเปรสโซได้ครีมาหนา เข้ากับนมสดและนมข้น เป็นระดับคั่วที่ร้านกาแฟในระนองสั่งไปใช้มากที่สุด"
        ),
        "description_en": (
            "Roasted dark until the oils just reach the surface: bold bitterness, burnt-caramel "
            "sweetness and a hint of smoke, with a thick crema as espresso. Pairs well with fresh "
            "or condensed milk, and it is the roast Ranong's coffee shops order most."
        ),
        "description_my": (
            "ကော်ဖီစေ့ မျက်နှာပြင်ပေါ် ဆီထွက်စ ပြုသည်အထိ အရင့်လှော်ထားသဖြင့် ခါးပြင်းပြီး ကာရာမယ်ကျွမ်း အချိုနှင့် မီးခိုးနံ့ "
            "အနည်းငယ် ရှိသည်။ အက်စပရက်ဆို ဖျော်လျှင် ခရီးမား ထူထဲသည်။ နွားနို့ သို့မဟုတ် နို့ဆီနှင့် လိုက်ဖက်ပြီး ရနောင်းရှိ ကော်ဖီဆိုင်များ "
            "အများဆုံး မှာယူသော အလှော်မျိုး ဖြစ်သည်။"
        ),
        "origin_th": "สวนร่มไม้ในหุบเขาละอุ่น ตำบลบางแก้วและในวงเหนือ ความสูง 200–350 เมตร",
        "origin_en": "Shade-grown in the La-un valley, Bang Kaeo and Nai Wong Nuea, 200–350 m",
        "origin_my": "လအွန်ချိုင့်ဝှမ်း ဘန်ကဲ့နှင့် နိုင်ဝေါင်မြောက်ရှိ မီတာ ၂၀၀–၃၅၀ အရိပ်ရ ခြံများ",
        "roast": "dark",
        "is_featured": True,
        "days_old": 85,
        "image": {
            "shape": "bag",
            "colour": "#1c1c1c",
            "accent": "#c1121f",
            "label": "LA-UN",
            "sublabel": "DARK ROAST",
        },
        "variants": [
            {
                "sku": "LAU-BN-D-250",
                "name_th": "ถุง 250 กรัม",
                "name_en": "250 g bag",
                "name_my": "၂၅၀ ဂရမ် အိတ်",
                "pack_size": 1,
                "weight_grams": 270,
                "price_satang": 18500,
                "stock": 110,
                "low_stock_threshold": 5,
            },
            {
                "sku": "LAU-BN-D-500",
                "name_th": "ถุง 500 กรัม",
                "name_en": "500 g bag",
                "name_my": "၅၀၀ ဂရမ် အိတ်",
                "pack_size": 1,
                "weight_grams": 520,
                "price_satang": 34000,
                "stock": 72,
                "low_stock_threshold": 5,
            },
            {
                "sku": "LAU-BN-D-1KG",
                "name_th": "ถุง 1 กิโลกรัม",
                "name_en": "1 kg bag",
                "name_my": "၁ ကီလိုဂရမ် အိတ်",
                "pack_size": 1,
                "weight_grams": 1040,
                "price_satang": 62000,
                "stock": 31,
                "low_stock_threshold": 5,
            },
        ],
    },
    {
        "slug": "la-un-ground-medium",
        "cooperative": "la-un-robusta",
        "category": "ground-coffee",
        "name_th": "กาแฟคั่วบดละอุ่น คั่วกลาง",
        "name_en": "La-un Ground Coffee, Medium Roast",
        "name_my": "လအွန် ကော်ဖီမှုန့် (အလတ်လှော်)",
        "description_th": (
            "บดหลังคั่วไม่เกินสองวัน แล้วบรรจุทันทีในถุงซิปล็อกที่มีวาล์ว ความละเอียดปานกลาง ใช้ได้ทั้งดริป เฟรนช์เพรส "
            "และหม้อมอคค่า รสกลมกล่อม ขมน้อย ดื่มง่ายทั้งร้อนและเย็น"
        ),
        "description_en": (
            "Ground within two days of roasting and packed straight into a resealable valve bag. "
            "The medium grind suits pour-over, French press and moka pot alike; the cup is "
            "rounded and mellow, easy to drink hot or iced."
        ),
        "description_my": (
            "လှော်ပြီး နှစ်ရက်အတွင်း ကြိတ်ကာ ဇစ်ပါ လေထွက်အဆို့ရှင်ပါ အိတ်ထဲသို့ ချက်ချင်း ထည့်ထားသည်။ အလတ်စား ကြိတ်ထားသဖြင့် ဒရစ်၊ "
            "ပြင်သစ်ဖိအိုးနှင့် မိုကာအိုး အားလုံးတွင် သုံးနိုင်သည်။ အရသာ ညက်ညောပြီး ခါးနည်းသဖြင့် ပူပူ သို့မဟုတ် အေးအေး သောက်ရ လွယ်သည်။"
        ),
        "origin_th": "สวนร่มไม้ในหุบเขาละอุ่น ตำบลบางแก้วและในวงเหนือ ความสูง 200–350 เมตร",
        "origin_en": "Shade-grown in the La-un valley, Bang Kaeo and Nai Wong Nuea, 200–350 m",
        "origin_my": "လအွန်ချိုင့်ဝှမ်း ဘန်ကဲ့နှင့် နိုင်ဝေါင်မြောက်ရှိ မီတာ ၂၀၀–၃၅၀ အရိပ်ရ ခြံများ",
        "roast": "medium",
        "is_featured": False,
        "days_old": 20,
        "image": {
            "shape": "pouch",
            "colour": "#6f4e37",
            "accent": "#95d5b2",
            "label": "LA-UN",
            "sublabel": "GROUND MEDIUM",
        },
        "variants": [
            {
                "sku": "LAU-GR-M-250",
                "name_th": "ถุง 250 กรัม",
                "name_en": "250 g bag",
                "name_my": "၂၅၀ ဂရမ် အိတ်",
                "pack_size": 1,
                "weight_grams": 270,
                "price_satang": 17500,
                "stock": 70,
                "low_stock_threshold": 5,
            },
            {
                "sku": "LAU-GR-M-500",
                "name_th": "ถุง 500 กรัม",
                "name_en": "500 g bag",
                "name_my": "၅၀၀ ဂရမ် အိတ်",
                "pack_size": 1,
                "weight_grams": 520,
                "price_satang": 32000,
                "stock": 4,
                "low_stock_threshold": 5,
            },
        ],
    },
    {
        "slug": "la-un-drip-bags-dark",
        "cooperative": "la-un-robusta",
        "category": "drip-bags",
        "name_th": "ดริปแบ็กละอุ่น คั่วเข้ม",
        "name_en": "La-un Drip Bags, Dark Roast",
        "name_my": "လအွန် ဒရစ်အိတ် ကော်ဖီ (အရင့်လှော်)",
        "description_th": (
            "โรบัสต้าคั่วเข้มของละอุ่นในซองดริปหูแขวน ซองละ 12 กรัม ชงกับน้ำร้อน 150 มล. ได้กาแฟดำเข้มข้น "
            "หรือชงแล้วเทลงแก้วน้ำแข็งกับนมสด เป็นลาเต้เย็นแบบง่ายๆ"
        ),
        "description_en": (
            "La-un dark-roast robusta in hanging drip bags, 12 g each. Brew with 150 ml of hot "
            "water for a strong black coffee, or pour it over ice and fresh milk for an easy iced "
            "latte."
        ),
        "description_my": (
            "လအွန်၏ အရင့်လှော် ရိုဘတ်စတာကို တစ်အိတ်လျှင် ၁၂ ဂရမ်ပါ ချိတ်ဆွဲ ဒရစ်အိတ်များတွင် ထည့်ထားသည်။ ရေနွေး ၁၅၀ မီလီလီတာဖြင့် "
            "ဖျော်လျှင် ပြင်းသော ကော်ဖီမဲ ရပြီး ရေခဲနှင့် နွားနို့ပေါ် လောင်းလိုက်လျှင် လွယ်ကူသော လာတေးအေး ရသည်။"
        ),
        "origin_th": "สวนร่มไม้ในหุบเขาละอุ่น ตำบลบางแก้วและในวงเหนือ ความสูง 200–350 เมตร",
        "origin_en": "Shade-grown in the La-un valley, Bang Kaeo and Nai Wong Nuea, 200–350 m",
        "origin_my": "လအွန်ချိုင့်ဝှမ်း ဘန်ကဲ့နှင့် နိုင်ဝေါင်မြောက်ရှိ မီတာ ၂၀၀–၃၅၀ အရိပ်ရ ခြံများ",
        "roast": "dark",
        "is_featured": True,
        "days_old": 5,
        "image": {
            "shape": "dripbag",
            "colour": "#1c1c1c",
            "accent": "#c1121f",
            "label": "LA-UN",
            "sublabel": "DARK DRIP",
        },
        "variants": [
            {
                "sku": "LAU-DRIP-10",
                "name_th": "กล่อง 10 ซอง",
                "name_en": "Box of 10 drip bags",
                "name_my": "ဒရစ်အိတ် ၁၀ အိတ်ပါ ဘူး",
                "pack_size": 10,
                "weight_grams": 190,
                "price_satang": 15500,
                "stock": 48,
                "low_stock_threshold": 5,
            },
            {
                "sku": "LAU-DRIP-20",
                "name_th": "กล่อง 20 ซอง",
                "name_en": "Box of 20 drip bags",
                "name_my": "ဒရစ်အိတ် ၂၀ အိတ်ပါ ဘူး",
                "pack_size": 20,
                "weight_grams": 360,
                "price_satang": 29000,
                "stock": 26,
                "low_stock_threshold": 5,
            },
        ],
    },
    {
        "slug": "la-un-natural-micro-lot",
        "cooperative": "la-un-robusta",
        "category": "coffee-beans",
        "name_th": "โรบัสต้าละอุ่น ล็อตพิเศษ เนเชอรัล",
        "name_en": "La-un Fine Robusta, Natural Micro-lot",
        "name_my": "လအွန် ရိုဘတ်စတာ အထူးအသုတ် (သဘာဝ နေလှန်း)",
        "description_th": (
            "ล็อตเล็กจากสวนสมาชิกห้าครอบครัวที่เก็บเฉพาะผลสุกเต็มที่ แล้วตากทั้งผลบนแคร่ยกสูงราวสามสัปดาห์ "
            "ได้กลิ่นผลไม้สุก ดาร์กช็อกโกแลต และความหวานที่ติดปลายลิ้นนาน ผลิตได้ปีละไม่กี่ร้อยถุง "
            "หมดแล้วต้องรอฤดูเก็บเกี่ยวหน้า"
        ),
        "description_en": (
            "A small lot from five member families who pick only fully ripe cherries and dry them "
            "whole on raised beds for about three weeks. Expect ripe fruit, dark chocolate and a "
            "long sweet finish. Only a few hundred bags are made each year; once they are gone, "
            "wait for the next harvest."
        ),
        "description_my": (
            "အသင်းဝင် မိသားစု ငါးစုက အပြည့်မှည့်သော အသီးများကိုသာ ခူးပြီး အမြင့်စင်များပေါ်တွင် အသီးလိုက် သုံးပတ်ခန့် "
            "နေလှန်းထားသော အသုတ်ငယ် ဖြစ်သည်။ မှည့်သော သစ်သီးနံ့၊ ချောကလက်ခါး အရသာနှင့် ကြာရှည် ချိုမြမှု ရှိသည်။ တစ်နှစ်လျှင် အိတ် "
            "ရာဂဏန်း အနည်းငယ်သာ ထုတ်နိုင်သဖြင့် ကုန်သွားပါက နောက်ရိတ်သိမ်းရာသီကို စောင့်ရမည်။"
        ),
        "origin_th": "ตำบลละอุ่นเหนือ อำเภอละอุ่น ความสูงราว 420 เมตร ตากทั้งผลบนแคร่ยกสูง",
        "origin_en": "La-un Nuea, La-un, about 420 m; dried whole on raised beds",
        "origin_my": "လအွန်မြို့နယ် လအွန်မြောက်၊ မီတာ ၄၂၀ ခန့်၊ အမြင့်စင်ပေါ်တွင် အသီးလိုက် နေလှန်းသည်",
        "roast": "light",
        "is_featured": False,
        "days_old": 3,
        "image": {
            "shape": "bag",
            "colour": "#8c1c13",
            "accent": "#f6bd60",
            "label": "LA-UN",
            "sublabel": "NATURAL LOT",
        },
        "variants": [
            {
                "sku": "LAU-NAT-200",
                "name_th": "ถุง 200 กรัม",
                "name_en": "200 g bag",
                "name_my": "၂၀၀ ဂရမ် အိတ်",
                "pack_size": 1,
                "weight_grams": 220,
                "price_satang": 28000,
                "stock": 0,
                "low_stock_threshold": 5,
            },
            {
                "sku": "LAU-NAT-500",
                "name_th": "ถุง 500 กรัม",
                "name_en": "500 g bag",
                "name_my": "၅၀၀ ဂရမ် အိတ်",
                "pack_size": 1,
                "weight_grams": 530,
                "price_satang": 65000,
                "stock": 0,
                "low_stock_threshold": 5,
            },
        ],
    },
    {
        "slug": "kra-buri-cashew-salted",
        "cooperative": "kra-buri-cashew",
        "category": "cashew-nuts",
        "name_th": "เม็ดมะม่วงหิมพานต์คั่วเกลือ เกรดจัมโบ้",
        "name_en": "Salt-Roasted Cashew Nuts, Jumbo Grade",
        "name_my": "ဆားလှော် သီဟိုဠ်စေ့ (အကြီးစား)",
        "description_th": (
            "เม็ดมะม่วงหิมพานต์เต็มเม็ดเกรดจัมโบ้ คั่วในกระทะทรายตามแบบดั้งเดิมของกระบุรี แล้วโรยเกลือบางๆ กรอบ "
            "หอม มัน ไม่เหม็นหืน บรรจุถุงซิปฟอยล์กันชื้น เหมาะเป็นของฝากจากระนอง"
        ),
        "description_en": (
            "Whole jumbo-grade cashews roasted in a sand pan the traditional Kra Buri way, then "
            "lightly salted. Crunchy, fragrant and rich, never rancid, and packed in a resealable "
            "foil bag to keep out the damp. A classic gift to bring home from Ranong."
        ),
        "description_my": (
            "အကြီးစား အဆင့် သီဟိုဠ်စေ့ အလုံးလိုက်ကို ကရာဘူရီ ရိုးရာနည်းအတိုင်း သဲဒယ်အိုးတွင် လှော်ပြီး ဆားပါးပါး ဖြူးထားသည်။ ကြွပ်ရွ "
            "မွှေးကြိုင်ပြီး ဆိမ့်သည်၊ အနံ့ မဆိုးပါ။ စိုထိုင်းဆ မဝင်စေရန် ဇစ်ပါ ဖွိုင်းအိတ်ဖြင့် ထုပ်ပိုးထားပြီး ရနောင်းမှ လက်ဆောင်အဖြစ် "
            "ယူသွားရန် သင့်တော်သည်။"
        ),
        "origin_th": "สวนมะม่วงหิมพานต์ริมแม่น้ำกระบุรี ตำบลน้ำจืด อำเภอกระบุรี กะเทาะด้วยมือ",
        "origin_en": "Orchards along the Kra Buri River in Nam Chuet, Kra Buri; shelled by hand",
        "origin_my": "ကရာဘူရီမြို့နယ် နမ်ချွတ်ရှိ ပါကချန်မြစ်ကမ်း သီဟိုဠ်စေ့ခြံများ၊ လက်ဖြင့် အခွံခွာသည်",
        "roast": None,
        "is_featured": True,
        "days_old": 100,
        "image": {
            "shape": "pouch",
            "colour": "#e9c46a",
            "accent": "#9b2226",
            "label": "KRA BURI",
            "sublabel": "SALTED CASHEW",
        },
        "variants": [
            {
                "sku": "KBC-SALT-200",
                "name_th": "ถุง 200 กรัม",
                "name_en": "200 g bag",
                "name_my": "၂၀၀ ဂရမ် အိတ်",
                "pack_size": 1,
                "weight_grams": 220,
                "price_satang": 15000,
                "stock": 150,
                "low_stock_threshold": 5,
            },
            {
                "sku": "KBC-SALT-500",
                "name_th": "ถุง 500 กรัม",
                "name_en": "500 g bag",
                "name_my": "၅၀၀ ဂရမ် အိတ်",
                "pack_size": 1,
                "weight_grams": 530,
                "price_satang": 35000,
                "stock": 85,
                "low_stock_threshold": 5,
            },
            {
                "sku": "KBC-SALT-1KG",
                "name_th": "ถุง 1 กิโลกรัม",
                "name_en": "1 kg bag",
                "name_my": "၁ ကီလိုဂရမ် အိတ်",
                "pack_size": 1,
                "weight_grams": 1050,
                "price_satang": 68000,
                "stock": 18,
                "low_stock_threshold": 5,
            },
        ],
    },
    {
        "slug": "kra-buri-cashew-garlic-chilli",
        "cooperative": "kra-buri-cashew",
        "category": "cashew-nuts",
        "name_th": "เม็ดมะม่วงหิมพานต์กระเทียมพริก",
        "name_en": "Garlic and Chilli Cashew Nuts",
        "name_my": "ကြက်သွန်ဖြူကြော်နှင့် ငရုတ်သီး သီဟိုဠ်စေ့",
        "description_th": (
            "เม็ดมะม่วงหิมพานต์คั่วคลุกกระเทียมเจียวกรอบ พริกขี้หนูแห้ง และใบมะกรูด เผ็ดกำลังดี หอมกระเทียม "
            "กินเล่นหรือแกล้มเครื่องดื่มก็เข้ากัน ไม่ใส่ผงชูรส"
        ),
        "description_en": (
            "Roasted cashews tossed with crispy fried garlic, dried bird's-eye chilli and kaffir "
            "lime leaves. Pleasantly spicy and full of garlic, as a snack or alongside drinks. No "
            "MSG added."
        ),
        "description_my": (
            "လှော်ထားသော သီဟိုဠ်စေ့ကို ကြွပ်ကြွပ်ကြော်ထားသော ကြက်သွန်ဖြူ၊ ငရုတ်သီးခြောက်နှင့် ရှောက်ကြောရွက်တို့ဖြင့် နယ်ထားသည်။ "
            "စပ်ရုံလေး စပ်ပြီး ကြက်သွန်ဖြူနံ့ မွှေးသဖြင့် အဆာပြေ စားရန် သို့မဟုတ် အဖျော်ယမကာနှင့် တွဲစားရန် ကောင်းသည်။ အချိုမှုန့် "
            "မထည့်ပါ။"
        ),
        "origin_th": "สวนมะม่วงหิมพานต์ริมแม่น้ำกระบุรี ตำบลน้ำจืด อำเภอกระบุรี กะเทาะด้วยมือ",
        "origin_en": "Orchards along the Kra Buri River in Nam Chuet, Kra Buri; shelled by hand",
        "origin_my": "ကရာဘူရီမြို့နယ် နမ်ချွတ်ရှိ ပါကချန်မြစ်ကမ်း သီဟိုဠ်စေ့ခြံများ၊ လက်ဖြင့် အခွံခွာသည်",
        "roast": None,
        "is_featured": False,
        "days_old": 45,
        "image": {
            "shape": "pouch",
            "colour": "#9b2226",
            "accent": "#f4a261",
            "label": "KRA BURI",
            "sublabel": "GARLIC CHILLI",
        },
        "variants": [
            {
                "sku": "KBC-GC-200",
                "name_th": "ถุง 200 กรัม",
                "name_en": "200 g bag",
                "name_my": "၂၀၀ ဂရမ် အိတ်",
                "pack_size": 1,
                "weight_grams": 220,
                "price_satang": 16000,
                "stock": 92,
                "low_stock_threshold": 5,
            },
            {
                "sku": "KBC-GC-500",
                "name_th": "ถุง 500 กรัม",
                "name_en": "500 g bag",
                "name_my": "၅၀၀ ဂရမ် အိတ်",
                "pack_size": 1,
                "weight_grams": 530,
                "price_satang": 37000,
                "stock": 0,
                "low_stock_threshold": 5,
            },
        ],
    },
    {
        "slug": "kra-buri-cashew-honey",
        "cooperative": "kra-buri-cashew",
        "category": "cashew-nuts",
        "name_th": "เม็ดมะม่วงหิมพานต์อบน้ำผึ้ง",
        "name_en": "Honey-Roasted Cashew Nuts",
        "name_my": "ပျားရည်ဖုတ် သီဟိုဠ်စေ့",
        "description_th": (
            "เคลือบน้ำผึ้งจากอำเภอสุขสำราญแล้วอบจนเป็นสีทอง โรยงาขาวเล็กน้อย หวานหอม กรอบนอก มันใน เด็กๆ ชอบ "
            "ผู้ใหญ่ก็ชอบ"
        ),
        "description_en": (
            "Coated in honey from Suksamran district, baked golden and sprinkled with a little "
            "white sesame. Sweet and fragrant, crisp outside and buttery inside; children love "
            "them, and so do grown-ups."
        ),
        "description_my": (
            "ဆုက်စမ်ရန်မြို့နယ်မှ ပျားရည်ဖြင့် အုပ်ပြီး ရွှေရောင် ရသည်အထိ ဖုတ်ကာ နှမ်းဖြူ အနည်းငယ် ဖြူးထားသည်။ ချိုမွှေးပြီး "
            "အပြင်ကြွပ် အတွင်းဆိမ့်သဖြင့် ကလေးများရော လူကြီးများပါ ကြိုက်ကြသည်။"
        ),
        "origin_th": "สวนมะม่วงหิมพานต์ริมแม่น้ำกระบุรี ตำบลน้ำจืด อำเภอกระบุรี กะเทาะด้วยมือ",
        "origin_en": "Orchards along the Kra Buri River in Nam Chuet, Kra Buri; shelled by hand",
        "origin_my": "ကရာဘူရီမြို့နယ် နမ်ချွတ်ရှိ ပါကချန်မြစ်ကမ်း သီဟိုဠ်စေ့ခြံများ၊ လက်ဖြင့် အခွံခွာသည်",
        "roast": None,
        "is_featured": False,
        "days_old": 8,
        "image": {
            "shape": "jar",
            "colour": "#d4a373",
            "accent": "#bc6c25",
            "label": "KRA BURI",
            "sublabel": "HONEY CASHEW",
        },
        "variants": [
            {
                "sku": "KBC-HON-200",
                "name_th": "ถุง 200 กรัม",
                "name_en": "200 g bag",
                "name_my": "၂၀၀ ဂရမ် အိတ်",
                "pack_size": 1,
                "weight_grams": 220,
                "price_satang": 16500,
                "stock": 64,
                "low_stock_threshold": 5,
            },
            {
                "sku": "KBC-HON-500",
                "name_th": "ถุง 500 กรัม",
                "name_en": "500 g bag",
                "name_my": "၅၀၀ ဂရမ် အိတ်",
                "pack_size": 1,
                "weight_grams": 530,
                "price_satang": 38000,
                "stock": 1,
                "low_stock_threshold": 5,
            },
        ],
    },
    {
        "slug": "kra-buri-cashew-raw",
        "cooperative": "kra-buri-cashew",
        "category": "cashew-nuts",
        "name_th": "เม็ดมะม่วงหิมพานต์ดิบ สำหรับทำอาหาร",
        "name_en": "Raw Cashew Nuts for Cooking",
        "name_my": "ဟင်းချက်ရန် သီဟိုဠ်စေ့ အစိမ်း",
        "description_th": (
            "เม็ดมะม่วงหิมพานต์กะเทาะเปลือกแล้ว ยังไม่ผ่านการคั่วหรือปรุงรส เกรดเม็ดซีก "
            "เหมาะสำหรับทำไก่ผัดเม็ดมะม่วงหิมพานต์ ทำขนม หรือนำไปคั่วเอง ราคาคุ้มค่าสำหรับร้านอาหาร"
        ),
        "description_en": (
            "Shelled cashews, unroasted and unseasoned, in the split grade. Ideal for chicken "
            "stir-fried with cashews, for baking, or for roasting at home, and good value for "
            "restaurants."
        ),
        "description_my": (
            "အခွံခွာပြီး မလှော်ရသေး၊ အရသာ မထည့်ရသေးသော အခြမ်းကွဲ အဆင့် သီဟိုဠ်စေ့ ဖြစ်သည်။ ကြက်သားနှင့် သီဟိုဠ်စေ့ ကြော်ရန်၊ "
            "မုန့်ဖုတ်ရန် သို့မဟုတ် အိမ်တွင် ကိုယ်တိုင် လှော်ရန် သင့်တော်ပြီး စားသောက်ဆိုင်များအတွက် တန်ကြေးသည်။"
        ),
        "origin_th": "สวนมะม่วงหิมพานต์ริมแม่น้ำกระบุรี ตำบลน้ำจืด อำเภอกระบุรี กะเทาะด้วยมือ",
        "origin_en": "Orchards along the Kra Buri River in Nam Chuet, Kra Buri; shelled by hand",
        "origin_my": "ကရာဘူရီမြို့နယ် နမ်ချွတ်ရှိ ပါကချန်မြစ်ကမ်း သီဟိုဠ်စေ့ခြံများ၊ လက်ဖြင့် အခွံခွာသည်",
        "roast": None,
        "is_featured": False,
        "days_old": 70,
        "image": {
            "shape": "bag",
            "colour": "#f0ead2",
            "accent": "#6c584c",
            "label": "KRA BURI",
            "sublabel": "RAW CASHEW",
        },
        "variants": [
            {
                "sku": "KBC-RAW-500",
                "name_th": "ถุง 500 กรัม",
                "name_en": "500 g bag",
                "name_my": "၅၀၀ ဂရမ် အိတ်",
                "pack_size": 1,
                "weight_grams": 520,
                "price_satang": 26000,
                "stock": 40,
                "low_stock_threshold": 5,
            },
            {
                "sku": "KBC-RAW-1KG",
                "name_th": "ถุง 1 กิโลกรัม",
                "name_en": "1 kg bag",
                "name_my": "၁ ကီလိုဂရမ် အိတ်",
                "pack_size": 1,
                "weight_grams": 1030,
                "price_satang": 50000,
                "stock": 12,
                "low_stock_threshold": 5,
            },
        ],
    },
    {
        "slug": "kra-isthmus-ground-medium",
        "cooperative": "kra-buri-cashew",
        "category": "ground-coffee",
        "name_th": "กาแฟคั่วบดคอคอดกระ คั่วกลาง",
        "name_en": "Isthmus of Kra Ground Coffee, Medium Roast",
        "name_my": "ကရာ ကုန်းမြေကြား ကော်ဖီမှုန့် (အလတ်လှော်)",
        "description_th": (
            "ตั้งชื่อตามคอคอดกระ จุดที่แผ่นดินแคบที่สุดของคาบสมุทรมลายูในอำเภอกระบุรี "
            "ใช้โรบัสต้าจากสวนสมาชิกที่ปลูกแซมกับมะม่วงหิมพานต์ คั่วกลางและบดสำหรับหม้อต้มหรือถุงผ้า รสเข้มแต่กลมกล่อม"
        ),
        "description_en": (
            "Named after the Isthmus of Kra in Kra Buri district, the narrowest point of the "
            "Malay Peninsula. Robusta from members' orchards, grown between the cashew trees, "
            "roasted medium and ground for the pot or cloth filter: strong yet rounded."
        ),
        "description_my": (
            "ကရာဘူရီမြို့နယ်ရှိ မလေးကျွန်းဆွယ်၏ အကျဉ်းဆုံးနေရာ ဖြစ်သော ကရာ ကုန်းမြေကြား၏ အမည်ကို မှည့်ထားသည်။ "
            "သီဟိုဠ်စေ့ပင်များကြားတွင် ရောစိုက်ထားသော အသင်းဝင်ခြံများမှ ရိုဘတ်စတာကို အလတ်လှော်ပြီး ကော်ဖီအိုးနှင့် အဝတ်စစ်အတွက် "
            "ကြိတ်ထားသည်။ ပြင်းသော်လည်း ညက်ညောသည်။"
        ),
        "origin_th": "สวนผสมกาแฟกับมะม่วงหิมพานต์ ตำบลน้ำจืดน้อยและลำเลียง อำเภอกระบุรี",
        "origin_en": "Coffee grown with cashew trees in Nam Chuet Noi and Lamliang, Kra Buri",
        "origin_my": "ကရာဘူရီမြို့နယ် နမ်ချွတ်နွိုင်နှင့် လမ်လျန်ရှိ သီဟိုဠ်စေ့ပင်ကြား ကော်ဖီခြံများ",
        "roast": "medium",
        "is_featured": False,
        "days_old": 55,
        "image": {
            "shape": "pouch",
            "colour": "#264653",
            "accent": "#e9c46a",
            "label": "KRA BURI",
            "sublabel": "GROUND MEDIUM",
        },
        "variants": [
            {
                "sku": "KBC-GR-M-250",
                "name_th": "ถุง 250 กรัม",
                "name_en": "250 g bag",
                "name_my": "၂၅၀ ဂရမ် အိတ်",
                "pack_size": 1,
                "weight_grams": 270,
                "price_satang": 16500,
                "stock": 58,
                "low_stock_threshold": 5,
            },
            {
                "sku": "KBC-GR-M-500",
                "name_th": "ถุง 500 กรัม",
                "name_en": "500 g bag",
                "name_my": "၅၀၀ ဂရမ် အိတ်",
                "pack_size": 1,
                "weight_grams": 520,
                "price_satang": 30000,
                "stock": 33,
                "low_stock_threshold": 5,
            },
        ],
    },
    {
        "slug": "kapoe-robusta-beans-medium",
        "cooperative": "kapoe-agricultural",
        "category": "coffee-beans",
        "name_th": "เมล็ดกาแฟโรบัสต้ากะเปอร์ คั่วกลาง",
        "name_en": "Kapoe Robusta Beans, Medium Roast",
        "name_my": "ကပေါ် ရိုဘတ်စတာ ကော်ဖီစေ့ (အလတ်လှော်)",
        "description_th": (
            "กาแฟจากสวนบนเขาบ้านนาและบางหินที่ได้ไอทะเลอันดามันและฝนชุก ผลสุกช้าจนเมล็ดแน่น "
            "คั่วกลางให้รสเข้มแบบโรบัสต้า แต่มีความหวานคล้ายน้ำตาลโตนด เหมาะกับเอสเปรสโซและกาแฟใส่นม"
        ),
        "description_en": (
            "Coffee from hill farms in Ban Na and Bang Hin, where Andaman sea air and heavy rain "
            "let the cherries ripen slowly into dense beans. The medium roast gives robusta "
            "strength with a palm-sugar sweetness, great as espresso or with milk."
        ),
        "description_my": (
            "အန်ဒမန် ပင်လယ်လေနှင့် မိုးများသော ဘန်နာနှင့် ဘန်ဟင် တောင်ပေါ်ခြံများမှ ကော်ဖီ ဖြစ်ပြီး အသီးများ ဖြည်းဖြည်းချင်း "
            "မှည့်သဖြင့် စေ့များ တင်းမာသည်။ အလတ်လှော်ထားသဖြင့် ရိုဘတ်စတာ၏ ပြင်းအားနှင့်အတူ ထန်းလျက်ကဲ့သို့ ချိုမြမှု ရှိပြီး အက်စပရက်ဆို "
            "သို့မဟုတ် နို့နှင့် ဖျော်ရန် ကောင်းသည်။"
        ),
        "origin_th": "สวนบนเขาตำบลบ้านนาและบางหิน อำเภอกะเปอร์ ความสูง 150–300 เมตร",
        "origin_en": "Hill farms in Ban Na and Bang Hin, Kapoe, 150–300 m",
        "origin_my": "ကပေါ်မြို့နယ် ဘန်နာနှင့် ဘန်ဟင်ရှိ မီတာ ၁၅၀–၃၀၀ တောင်ပေါ်ခြံများ",
        "roast": "medium",
        "is_featured": False,
        "days_old": 65,
        "image": {
            "shape": "bag",
            "colour": "#2a9d8f",
            "accent": "#f4f1de",
            "label": "KAPOE",
            "sublabel": "ROBUSTA MEDIUM",
        },
        "variants": [
            {
                "sku": "KPE-BN-M-250",
                "name_th": "ถุง 250 กรัม",
                "name_en": "250 g bag",
                "name_my": "၂၅၀ ဂရမ် အိတ်",
                "pack_size": 1,
                "weight_grams": 270,
                "price_satang": 17000,
                "stock": 76,
                "low_stock_threshold": 5,
            },
            {
                "sku": "KPE-BN-M-500",
                "name_th": "ถุง 500 กรัม",
                "name_en": "500 g bag",
                "name_my": "၅၀၀ ဂရမ် အိတ်",
                "pack_size": 1,
                "weight_grams": 520,
                "price_satang": 31500,
                "stock": 39,
                "low_stock_threshold": 5,
            },
            {
                "sku": "KPE-BN-M-1KG",
                "name_th": "ถุง 1 กิโลกรัม",
                "name_en": "1 kg bag",
                "name_my": "၁ ကီလိုဂရမ် အိတ်",
                "pack_size": 1,
                "weight_grams": 1040,
                "price_satang": 58000,
                "stock": 15,
                "low_stock_threshold": 5,
            },
        ],
    },
    {
        "slug": "kapoe-ground-light",
        "cooperative": "kapoe-agricultural",
        "category": "ground-coffee",
        "name_th": "กาแฟคั่วบดกะเปอร์ คั่วอ่อน",
        "name_en": "Kapoe Ground Coffee, Light Roast",
        "name_my": "ကပေါ် ကော်ဖီမှုန့် (အနုလှော်)",
        "description_th": (
            "คั่วอ่อนแล้วบดหยาบปานกลางสำหรับดริปและเฟรนช์เพรส รสสะอาด เปรี้ยวอ่อน มีกลิ่นถั่วและน้ำผึ้ง "
            "ดื่มเป็นกาแฟดำไม่ใส่น้ำตาลได้สบาย"
        ),
        "description_en": (
            "Light-roasted and ground medium-coarse for pour-over and French press. A clean cup "
            "with gentle acidity and notes of nuts and honey, easy to drink black without sugar."
        ),
        "description_my": (
            "အနုလှော်ပြီး ဒရစ်နှင့် ပြင်သစ်ဖိအိုးအတွက် အလတ်စား ကြမ်းကြမ်း ကြိတ်ထားသည်။ အရသာ ကြည်လင်ပြီး ချဉ်ချဉ်လေးနှင့် "
            "အခွံမာသီး၊ ပျားရည် အနံ့ ရှိသဖြင့် သကြားမပါဘဲ ကော်ဖီမဲ သောက်ရ လွယ်သည်။"
        ),
        "origin_th": "สวนบนเขาตำบลบ้านนาและบางหิน อำเภอกะเปอร์ ความสูง 150–300 เมตร",
        "origin_en": "Hill farms in Ban Na and Bang Hin, Kapoe, 150–300 m",
        "origin_my": "ကပေါ်မြို့နယ် ဘန်နာနှင့် ဘန်ဟင်ရှိ မီတာ ၁၅၀–၃၀၀ တောင်ပေါ်ခြံများ",
        "roast": "light",
        "is_featured": False,
        "days_old": 28,
        "image": {
            "shape": "pouch",
            "colour": "#e9d8a6",
            "accent": "#005f73",
            "label": "KAPOE",
            "sublabel": "GROUND LIGHT",
        },
        "variants": [
            {
                "sku": "KPE-GR-L-250",
                "name_th": "ถุง 250 กรัม",
                "name_en": "250 g bag",
                "name_my": "၂၅၀ ဂရမ် အိတ်",
                "pack_size": 1,
                "weight_grams": 270,
                "price_satang": 18000,
                "stock": 45,
                "low_stock_threshold": 5,
            },
            {
                "sku": "KPE-GR-L-500",
                "name_th": "ถุง 500 กรัม",
                "name_en": "500 g bag",
                "name_my": "၅၀၀ ဂရမ် အိတ်",
                "pack_size": 1,
                "weight_grams": 520,
                "price_satang": 33000,
                "stock": 19,
                "low_stock_threshold": 5,
            },
        ],
    },
    {
        "slug": "kapoe-drip-bags-medium",
        "cooperative": "kapoe-agricultural",
        "category": "drip-bags",
        "name_th": "ดริปแบ็กกะเปอร์ คั่วกลาง",
        "name_en": "Kapoe Drip Bags, Medium Roast",
        "name_my": "ကပေါ် ဒရစ်အိတ် ကော်ဖီ (အလတ်လှော်)",
        "description_th": (
            "โรบัสต้ากะเปอร์คั่วกลางบดสดในซองดริปหูแขวน ซองละ 10 กรัม แต่ละซองบรรจุในซองฟอยล์แยกเพื่อรักษากลิ่น "
            "ชงง่ายในห้องพักหรือที่ทำงาน"
        ),
        "description_en": (
            "Freshly ground Kapoe medium-roast robusta in hanging drip bags, 10 g each, every bag "
            "sealed in its own foil envelope to keep the aroma. Easy to brew in a hotel room or "
            "at the office."
        ),
        "description_my": (
            "ကပေါ်၏ အလတ်လှော် ရိုဘတ်စတာကို လတ်လတ်ဆတ်ဆတ် ကြိတ်ပြီး တစ်အိတ်လျှင် ၁၀ ဂရမ်ပါ ချိတ်ဆွဲ ဒရစ်အိတ်များတွင် ထည့်ထားသည်။ အနံ့ "
            "မပျက်စေရန် အိတ်တစ်ခုချင်းစီကို ဖွိုင်းအိတ်ဖြင့် ပိတ်ထားပြီး ဟိုတယ်အခန်း သို့မဟုတ် ရုံးခန်းတွင် ဖျော်ရ လွယ်ကူသည်။"
        ),
        "origin_th": "สวนบนเขาตำบลบ้านนาและบางหิน อำเภอกะเปอร์ ความสูง 150–300 เมตร",
        "origin_en": "Hill farms in Ban Na and Bang Hin, Kapoe, 150–300 m",
        "origin_my": "ကပေါ်မြို့နယ် ဘန်နာနှင့် ဘန်ဟင်ရှိ မီတာ ၁၅၀–၃၀၀ တောင်ပေါ်ခြံများ",
        "roast": "medium",
        "is_featured": False,
        "days_old": 15,
        "image": {
            "shape": "dripbag",
            "colour": "#2a9d8f",
            "accent": "#f4f1de",
            "label": "KAPOE",
            "sublabel": "DRIP BAG",
        },
        "variants": [
            {
                "sku": "KPE-DRIP-10",
                "name_th": "กล่อง 10 ซอง",
                "name_en": "Box of 10 drip bags",
                "name_my": "ဒရစ်အိတ် ၁၀ အိတ်ပါ ဘူး",
                "pack_size": 10,
                "weight_grams": 170,
                "price_satang": 14500,
                "stock": 52,
                "low_stock_threshold": 5,
            },
            {
                "sku": "KPE-DRIP-30",
                "name_th": "กล่อง 30 ซอง",
                "name_en": "Box of 30 drip bags",
                "name_my": "ဒရစ်အိတ် ၃၀ အိတ်ပါ ဘူး",
                "pack_size": 30,
                "weight_grams": 480,
                "price_satang": 39900,
                "stock": 14,
                "low_stock_threshold": 5,
            },
        ],
    },
    {
        "slug": "kapoe-dried-shrimp",
        "cooperative": "kapoe-agricultural",
        "category": "honey-local-goods",
        "name_th": "กุ้งแห้งตากแดด กะเปอร์",
        "name_en": "Kapoe Sun-Dried Shrimp",
        "name_my": "ကပေါ် နေလှန်း ပုစွန်ခြောက်",
        "description_th": (
            "กุ้งจากเรือประมงพื้นบ้านในคลองกะเปอร์ ต้มน้ำเกลืออ่อนๆ แล้วตากแดดสองแดด ตัวสีส้มสวย เนื้อแน่น "
            "ไม่ใส่สีและสารกันบูด ใช้ตำส้มตำ ทำน้ำพริก หรือผัดไทยได้ทุกเมนู"
        ),
        "description_en": (
            "Shrimp from small boats fishing the Kapoe canal, boiled in light brine and dried "
            "over two days of sun. Naturally orange and firm, with no colouring or preservatives: "
            "for som tam, chilli pastes, pad thai and more."
        ),
        "description_my": (
            "ကပေါ်ချောင်းရှိ ဒေသခံ ငါးဖမ်းလှေငယ်များမှ ပုစွန်ကို ဆားရည်ပါးပါးဖြင့် ပြုတ်ပြီး နှစ်ရက် နေလှန်းထားသည်။ သဘာဝ "
            "လိမ္မော်ရောင် ရှိပြီး အသားတင်းကာ ဆိုးဆေးနှင့် ပုပ်သိုးမှု ကာကွယ်ဆေး မပါပါ။ သင်္ဘောသီးသုပ်၊ ငရုတ်သီးထောင်းနှင့် ဖတ်ထိုင်း "
            "စသည့် ဟင်းလျာများတွင် သုံးနိုင်သည်။"
        ),
        "origin_th": "ชาวประมงพื้นบ้านริมป่าชายเลน ตำบลกะเปอร์ อำเภอกะเปอร์",
        "origin_en": "Small-scale fishers on the mangrove coast of Kapoe subdistrict",
        "origin_my": "ကပေါ်မြို့နယ် ဒီရေတော ကမ်းခြေရှိ ဒေသခံ ရေလုပ်သားများ",
        "roast": None,
        "is_featured": False,
        "days_old": 50,
        "image": {
            "shape": "pouch",
            "colour": "#f28f3b",
            "accent": "#1d3557",
            "label": "KAPOE",
            "sublabel": "DRIED SHRIMP",
            "garnish": "shrimp",
        },
        "variants": [
            {
                "sku": "KPE-SHR-100",
                "name_th": "ถุง 100 กรัม",
                "name_en": "100 g bag",
                "name_my": "၁၀၀ ဂရမ် အိတ်",
                "pack_size": 1,
                "weight_grams": 130,
                "price_satang": 14000,
                "stock": 33,
                "low_stock_threshold": 5,
            },
            {
                "sku": "KPE-SHR-250",
                "name_th": "ถุง 250 กรัม",
                "name_en": "250 g bag",
                "name_my": "၂၅၀ ဂရမ် အိတ်",
                "pack_size": 1,
                "weight_grams": 290,
                "price_satang": 32000,
                "stock": 3,
                "low_stock_threshold": 5,
            },
        ],
    },
    {
        "slug": "kapoe-cashew-tom-yum",
        "cooperative": "kapoe-agricultural",
        "category": "cashew-nuts",
        "name_th": "เม็ดมะม่วงหิมพานต์รสต้มยำ",
        "name_en": "Tom Yum Cashew Nuts",
        "name_my": "တုံယမ်း အရသာ သီဟိုဠ်စေ့",
        "description_th": (
            "เม็ดมะม่วงหิมพานต์จากสวนสมาชิกกะเปอร์ อบกรอบกับตะไคร้ ใบมะกรูด ข่า และพริก "
            "ได้รสต้มยำเปรี้ยวเผ็ดหอมสมุนไพรแบบไทยแท้ เป็นของฝากที่นักท่องเที่ยวถามหา"
        ),
        "description_en": (
            "Cashews from Kapoe members' orchards, baked crisp with lemongrass, kaffir lime leaf, "
            "galangal and chilli for a truly Thai hot-and-sour tom yum flavour. The gift visitors "
            "keep asking for."
        ),
        "description_my": (
            "ကပေါ် အသင်းဝင်ခြံများမှ သီဟိုဠ်စေ့ကို စပါးလင်၊ ရှောက်ကြောရွက်၊ ပတဲကောနှင့် ငရုတ်သီးတို့ဖြင့် ကြွပ်ကြွပ် ဖုတ်ထားသဖြင့် "
            "ချဉ်စပ်ပြီး ဟင်းခတ်အမွှေးနံ့ သင်းသော ထိုင်းစစ်စစ် တုံယမ်း အရသာ ရသည်။ ခရီးသွားများ မကြာခဏ မေးမြန်းရှာဖွေသော "
            "လက်ဆောင်ပစ္စည်း ဖြစ်သည်။"
        ),
        "origin_th": "สวนบนเขาตำบลบ้านนาและบางหิน อำเภอกะเปอร์ ความสูง 150–300 เมตร",
        "origin_en": "Hill farms in Ban Na and Bang Hin, Kapoe, 150–300 m",
        "origin_my": "ကပေါ်မြို့နယ် ဘန်နာနှင့် ဘန်ဟင်ရှိ မီတာ ၁၅၀–၃၀၀ တောင်ပေါ်ခြံများ",
        "roast": None,
        "is_featured": False,
        "days_old": 35,
        "image": {
            "shape": "pouch",
            "colour": "#d62828",
            "accent": "#fcbf49",
            "label": "KAPOE",
            "sublabel": "TOM YUM CASHEW",
        },
        "variants": [
            {
                "sku": "KPE-TY-150",
                "name_th": "ถุง 150 กรัม",
                "name_en": "150 g bag",
                "name_my": "၁၅၀ ဂရမ် အိတ်",
                "pack_size": 1,
                "weight_grams": 170,
                "price_satang": 12000,
                "stock": 80,
                "low_stock_threshold": 5,
            },
            {
                "sku": "KPE-TY-400",
                "name_th": "ถุง 400 กรัม",
                "name_en": "400 g bag",
                "name_my": "၄၀၀ ဂရမ် အိတ်",
                "pack_size": 1,
                "weight_grams": 430,
                "price_satang": 29000,
                "stock": 36,
                "low_stock_threshold": 5,
            },
        ],
    },
    {
        "slug": "suksamran-stingless-bee-honey",
        "cooperative": "suksamran-agricultural",
        "category": "honey-local-goods",
        "name_th": "น้ำผึ้งชันโรง สุขสำราญ",
        "name_en": "Suksamran Stingless Bee Honey",
        "name_my": "ဆုက်စမ်ရန် ပျားငယ် ပျားရည်",
        "description_th": (
            "น้ำผึ้งจากผึ้งชันโรงที่เลี้ยงในสวนกาแฟ เงาะ และมังคุดของสมาชิก รสหวานอมเปรี้ยว เนื้อใสไม่ข้นมาก "
            "มีกลิ่นดอกไม้ป่า ชันโรงให้น้ำผึ้งน้อยกว่าผึ้งทั่วไปมาก ควรเก็บในตู้เย็นหลังเปิดขวด"
        ),
        "description_en": (
            "Honey from stingless bees kept among members' coffee, rambutan and mangosteen trees. "
            "Sweet with a light tartness, thin and clear, with the scent of wild flowers. These "
            "bees give far less honey than ordinary honeybees; keep refrigerated once opened."
        ),
        "description_my": (
            "အသင်းဝင်များ၏ ကော်ဖီ၊ ကြက်မောက်နှင့် မင်းကွတ် ခြံများထဲတွင် မွေးထားသော မတုပ်သည့် ပျားငယ်များမှ ပျားရည် "
            "ဖြစ်သည်။ ချိုချဉ် အရသာ ရှိပြီး ကြည်လင်ကာ အလွန်မပျစ်ဘဲ တောပန်းရနံ့ သင်းသည်။ သာမန်ပျားထက် ပျားရည်ထွက် များစွာ "
            "နည်းပါးသည်။ ပုလင်းဖွင့်ပြီးပါက ရေခဲသေတ္တာတွင် ထားပါ။"
        ),
        "origin_th": "รังชันโรงในสวนผสม ตำบลนาคา อำเภอสุขสำราญ ใกล้อุทยานแห่งชาติแหลมสน",
        "origin_en": (
            "Stingless bee hives in mixed orchards in Nakha, Suksamran, near Laem Son National Park"
        ),
        "origin_my": "လန်ဆွန် အမျိုးသားဥယျာဉ်အနီး ဆုက်စမ်ရန်မြို့နယ် နာခါရှိ ရောနှော စိုက်ခင်းများထဲက ပျားအုံများ",
        "roast": None,
        "is_featured": True,
        "days_old": 90,
        "image": {
            "shape": "jar",
            "colour": "#e8a317",
            "accent": "#3a5a40",
            "label": "SUKSAMRAN",
            "sublabel": "STINGLESS HONEY",
            "garnish": "honey",
        },
        "variants": [
            {
                "sku": "SSR-SBH-120",
                "name_th": "ขวด 120 มล.",
                "name_en": "120 ml bottle",
                "name_my": "၁၂၀ မီလီလီတာ ပုလင်း",
                "pack_size": 1,
                "weight_grams": 260,
                "price_satang": 25000,
                "stock": 42,
                "low_stock_threshold": 5,
            },
            {
                "sku": "SSR-SBH-250",
                "name_th": "ขวด 250 มล.",
                "name_en": "250 ml bottle",
                "name_my": "၂၅၀ မီလီလီတာ ပုလင်း",
                "pack_size": 1,
                "weight_grams": 450,
                "price_satang": 45000,
                "stock": 17,
                "low_stock_threshold": 5,
            },
        ],
    },
    {
        "slug": "suksamran-coffee-blossom-honey",
        "cooperative": "suksamran-agricultural",
        "category": "honey-local-goods",
        "name_th": "น้ำผึ้งดอกกาแฟ",
        "name_en": "Coffee Blossom Honey",
        "name_my": "ကော်ဖီပန်း ပျားရည်",
        "description_th": (
            "เก็บจากรังผึ้งที่ตั้งในสวนกาแฟช่วงต้นกาแฟออกดอกขาวเต็มสวนหลังฝนแรกของปี สีอำพันเข้ม หวานลึก "
            "มีปลายขมนิดๆ คล้ายคาราเมล ใส่ในกาแฟดำหรือราดโยเกิร์ตก็เข้ากันดี"
        ),
        "description_en": (
            "Gathered from hives set in the coffee orchards when the trees burst into white "
            "blossom after the year's first rains. Deep amber, with a rich sweetness and a "
            "faintly bitter, caramel-like finish; lovely stirred into black coffee or over "
            "yoghurt."
        ),
        "description_my": (
            "တစ်နှစ်တာ ပထမဆုံး မိုးရေ ကျပြီးနောက် ကော်ဖီပင်များ ပန်းဖြူများ ဝေနေချိန်တွင် ကော်ဖီခြံထဲ ထားသော ပျားအုံများမှ "
            "ရယူထားသည်။ ပယင်းရောင် ရင့်ရင့် ရှိပြီး ချိုမြ နက်ရှိုင်းကာ ကာရာမယ်ကဲ့သို့ ခါးသက်သက် အဆုံးသတ် ရှိသည်။ ကော်ဖီမဲထဲ "
            "ထည့်သည်ဖြစ်စေ၊ ဒိန်ချဉ်ပေါ် လောင်းသည်ဖြစ်စေ ကောင်းသည်။"
        ),
        "origin_th": "สวนผสมตำบลนาคาและกำพวน อำเภอสุขสำราญ ใกล้อุทยานแห่งชาติแหลมสน",
        "origin_en": "Mixed orchards in Nakha and Kamphuan, Suksamran, near Laem Son National Park",
        "origin_my": "လန်ဆွန် အမျိုးသားဥယျာဉ်အနီး ဆုက်စမ်ရန်မြို့နယ် နာခါနှင့် ကမ်ဖွမ်ရှိ ရောနှော စိုက်ခင်းများ",
        "roast": None,
        "is_featured": False,
        "days_old": 22,
        "image": {
            "shape": "jar",
            "colour": "#9c4f1a",
            "accent": "#fefae0",
            "label": "SUKSAMRAN",
            "sublabel": "COFFEE BLOSSOM",
            "garnish": "honey",
        },
        "variants": [
            {
                "sku": "SSR-CBH-250",
                "name_th": "ขวด 250 กรัม",
                "name_en": "250 g jar",
                "name_my": "၂၅၀ ဂရမ် ပုလင်း",
                "pack_size": 1,
                "weight_grams": 380,
                "price_satang": 18000,
                "stock": 60,
                "low_stock_threshold": 5,
            },
            {
                "sku": "SSR-CBH-500",
                "name_th": "ขวด 500 กรัม",
                "name_en": "500 g jar",
                "name_my": "၅၀၀ ဂရမ် ပုလင်း",
                "pack_size": 1,
                "weight_grams": 680,
                "price_satang": 32000,
                "stock": 28,
                "low_stock_threshold": 5,
            },
        ],
    },
    {
        "slug": "suksamran-coffee-leaf-tea",
        "cooperative": "suksamran-agricultural",
        "category": "honey-local-goods",
        "name_th": "ชาใบกาแฟ",
        "name_en": "Coffee Leaf Tea",
        "name_my": "ကော်ဖီရွက် လက်ဖက်ခြောက်",
        "description_th": (
            "ใบกาแฟโรบัสต้าอ่อนที่เด็ดจากยอด นำมานวดและคั่วในกระทะแบบชาไทย แล้วบรรจุในถุงชา "
            "ชงแล้วได้น้ำสีทองอำพัน รสนุ่ม กลิ่นคล้ายชาเขียวผสมชาอู่หลง มีคาเฟอีนน้อยกว่ากาแฟมาก"
        ),
        "description_en": (
            "Young robusta leaves picked from the shoots, rolled and pan-roasted like Thai tea, "
            "then packed in tea bags. It brews a golden-amber cup, smooth, somewhere between "
            "green tea and oolong, with far less caffeine than coffee."
        ),
        "description_my": (
            "ရိုဘတ်စတာ ကော်ဖီပင်၏ အညွန့်မှ ရွက်နုများကို ခူးပြီး ထိုင်းလက်ဖက်ကဲ့သို့ နယ်ကာ ဒယ်အိုးတွင် လှော်ပြီး လက်ဖက်အိတ်များတွင် "
            "ထည့်ထားသည်။ ဖျော်လျှင် ရွှေဝါရောင် ရပြီး အရသာ နူးညံ့ကာ လက်ဖက်စိမ်းနှင့် အူလုံ လက်ဖက်ကြား အနံ့ ရှိသည်။ ကော်ဖီထက် ကဖိန်း "
            "များစွာ နည်းသည်။"
        ),
        "origin_th": "ยอดกาแฟจากสวนสมาชิก ตำบลกำพวน อำเภอสุขสำราญ",
        "origin_en": "Coffee shoots from members' farms in Kamphuan, Suksamran",
        "origin_my": "ဆုက်စမ်ရန်မြို့နယ် ကမ်ဖွမ်ရှိ အသင်းဝင်ခြံများမှ ကော်ဖီရွက်နု",
        "roast": None,
        "is_featured": False,
        "days_old": 10,
        "image": {
            "shape": "box",
            "colour": "#588157",
            "accent": "#dad7cd",
            "label": "SUKSAMRAN",
            "sublabel": "COFFEE LEAF TEA",
            "garnish": "leaves",
        },
        "variants": [
            {
                "sku": "SSR-TEA-15",
                "name_th": "กล่อง 15 ถุงชา",
                "name_en": "Box of 15 tea bags",
                "name_my": "လက်ဖက်အိတ် ၁၅ အိတ်ပါ ဘူး",
                "pack_size": 15,
                "weight_grams": 80,
                "price_satang": 9000,
                "stock": 70,
                "low_stock_threshold": 5,
            },
            {
                "sku": "SSR-TEA-40",
                "name_th": "กล่อง 40 ถุงชา",
                "name_en": "Box of 40 tea bags",
                "name_my": "လက်ဖက်အိတ် ၄၀ အိတ်ပါ ဘူး",
                "pack_size": 40,
                "weight_grams": 180,
                "price_satang": 21000,
                "stock": 2,
                "low_stock_threshold": 5,
            },
        ],
    },
    {
        "slug": "laem-son-ground-dark",
        "cooperative": "suksamran-agricultural",
        "category": "ground-coffee",
        "name_th": "กาแฟคั่วบดแหลมสน คั่วเข้ม",
        "name_en": "Laem Son Ground Coffee, Dark Roast",
        "name_my": "လန်ဆွန် ကော်ဖီမှုန့် (အရင့်လှော်)",
        "description_th": (
            "โรบัสต้าเบลนด์จากตำบลนาคาและกำพวน คั่วเข้มด้วยฟืนไม้ยางเก่าแบบที่ชาวบ้านทำกันมา "
            "หอมกลิ่นควันและเข้มถึงใจ ชงถุงผ้าใส่นมข้นหวาน หรือต้มกับน้ำตาลทรายแดงแบบโกปี๊ปักษ์ใต้"
        ),
        "description_en": (
            "A robusta blend from Nakha and Kamphuan, dark-roasted over wood from old rubber "
            "trees the way villagers always have. Smoky and powerfully strong: brew it in a cloth "
            "filter with condensed milk, or boil it with brown sugar for southern-style kopi."
        ),
        "description_my": (
            "နာခါနှင့် ကမ်ဖွမ်မှ ရိုဘတ်စတာ ရောစပ်ကို ရွာသားများ ရှေးယခင်ကတည်းက လုပ်ခဲ့သည့်အတိုင်း ရော်ဘာပင်ဟောင်း ထင်းမီးဖြင့် "
            "အရင့်လှော်ထားသည်။ မီးခိုးနံ့ မွှေးပြီး အလွန်ပြင်းသည်။ အဝတ်စစ်ဖြင့် စစ်ကာ နို့ဆီ ထည့်သောက်ပါ၊ သို့မဟုတ် သကြားညိုနှင့် ပြုတ်၍ "
            "တောင်ပိုင်းစတိုင် ကိုပီ အဖြစ် သောက်ပါ။"
        ),
        "origin_th": "สวนผสมตำบลนาคาและกำพวน อำเภอสุขสำราญ ใกล้อุทยานแห่งชาติแหลมสน",
        "origin_en": "Mixed orchards in Nakha and Kamphuan, Suksamran, near Laem Son National Park",
        "origin_my": "လန်ဆွန် အမျိုးသားဥယျာဉ်အနီး ဆုက်စမ်ရန်မြို့နယ် နာခါနှင့် ကမ်ဖွမ်ရှိ ရောနှော စိုက်ခင်းများ",
        "roast": "dark",
        "is_featured": False,
        "days_old": 0,
        "image": {
            "shape": "pouch",
            "colour": "#3d405b",
            "accent": "#e07a5f",
            "label": "LAEM SON",
            "sublabel": "GROUND DARK",
        },
        "variants": [
            {
                "sku": "SSR-GR-D-250",
                "name_th": "ถุง 250 กรัม",
                "name_en": "250 g bag",
                "name_my": "၂၅၀ ဂရမ် အိတ်",
                "pack_size": 1,
                "weight_grams": 270,
                "price_satang": 16000,
                "stock": 36,
                "low_stock_threshold": 5,
            },
            {
                "sku": "SSR-GR-D-500",
                "name_th": "ถุง 500 กรัม",
                "name_en": "500 g bag",
                "name_my": "၅၀၀ ဂရမ် အိတ်",
                "pack_size": 1,
                "weight_grams": 520,
                "price_satang": 29500,
                "stock": 24,
                "low_stock_threshold": 5,
            },
        ],
    },
]

# Wholesale packs (sold to partner shops by the carton), by SKU: units per carton, the least
# units per order, price breaks (units, unit price in satang, VAT included), and the stock the
# demo keeps at least, so that a partner can order twenty cartons.
WHOLESALE_PACKS = {
    "RNC-3IN1-10": {
        "case_pack": 48,
        "min_quantity": 48,
        "breaks": [(240, 5_200), (960, 4_800)],
        "stock": 4_800,
    },
    "RNC-3IN1-30": {
        "case_pack": 24,
        "min_quantity": 24,
        "breaks": [(120, 14_500), (480, 13_500)],
        "stock": 2_400,
    },
    "RNC-LS-10": {"case_pack": 48, "min_quantity": 48, "breaks": [(240, 5_600)], "stock": 1_440},
    "RNC-BLK-20": {"case_pack": 24, "min_quantity": 24, "breaks": [(120, 7_600)], "stock": 720},
    "RNC-BN-M-250": {
        "case_pack": 20,
        "min_quantity": 20,
        "breaks": [(100, 14_400), (400, 13_500)],
        "stock": 800,
    },
    "LAU-BN-D-250": {"case_pack": 20, "min_quantity": 40, "breaks": [(200, 14_800)], "stock": 600},
    "KBC-SALT-200": {"case_pack": 30, "min_quantity": 30, "breaks": [(150, 12_000)], "stock": 600},
}

# Past wholesale orders, so that statements show invoices, payments and ageing from the first
# `make run`: (partner slug, days ago placed, [(sku, cartons)], PO number, part paid in satang
# or "all"). Each is confirmed by its cooperative a day after it was placed, so invoiced then.
# The prepaid partner's unpaid invoice is overdue (a net-terms partner with an overdue invoice
# could not order on account, and the demo journey orders on account).
WHOLESALE_HISTORY = [
    (
        "shwe-pyi-thar-kawthaung",
        40,
        [("RNC-3IN1-10", 10), ("RNC-BLK-20", 5)],
        "SPT-2026-031",
        "all",
    ),
    (
        "shwe-pyi-thar-kawthaung",
        9,
        [("RNC-3IN1-30", 5), ("RNC-BN-M-250", 5)],
        "SPT-2026-044",
        2_000_000,
    ),
    ("aung-myint-mo-kawthaung", 50, [("RNC-3IN1-10", 5)], "", 500_000),
]

# The reference rate partner pages show kyat prices at (micro-kyat per baht: 62.5 kyat).
KYAT_PER_BAHT_MICRO = 62_500_000

PRICE_LISTS = [
    {"name": "Kawthaung partners", "discount_bp": 1500},
    {"name": "Kawthaung volume", "discount_bp": 2000},
]

PARTNER_SHOPS = [
    {
        "slug": "shwe-pyi-thar-kawthaung",
        "name": "Shwe Pyi Thar Trading (ရွှေပြည်သာ ကုန်သွယ်ရေး)",
        "contact_name": "ဦးအောင်ကျော်မိုး",
        "phone": "+955951274",
        "address_line": "အမှတ် ၁၂၊ ဗိုလ်ချုပ်လမ်း",
        "ward": "ရပ်ကွက် ၂",
        "township": "ကော့သောင်း",
        "region": "MM-05",
        "postcode": "14051",
        "registration_number": "105733268",
        "preferred_language": "my",
        "status": "approved",
        "price_list": "Kawthaung volume",
        "payment_terms": "net_15",
        "credit_limit_satang": 15_000_000,  # ฿150,000
        "require_po_number": True,
    },
    {
        "slug": "aung-myint-mo-kawthaung",
        "name": "Aung Myint Mo Mini Mart (အောင်မြင့်မိုး မီနီမတ်)",
        "contact_name": "ဒေါ်မြင့်မြင့်အေး",
        "phone": "+959423318765",
        "address_line": "No. 45, Strand Road",
        "ward": "Ward 3",
        "township": "Kawthaung",
        "region": "MM-05",
        "postcode": "",
        "registration_number": "110244917",
        "preferred_language": "my",
        "status": "approved",
        "price_list": "Kawthaung partners",
        "payment_terms": "prepaid",
        "credit_limit_satang": 0,
        "require_po_number": False,
    },
    {
        "slug": "pyi-taw-win-kawthaung",
        "name": "Pyi Taw Win Grocery (ပြည်တော်ဝင် ကုန်စုံဆိုင်)",
        "contact_name": "ကိုဇော်မင်းထွဋ်",
        "phone": "+66812345670",
        "address_line": "အမှတ် ၇၊ ပင်လယ်လမ်း",
        "ward": "ရပ်ကွက် ၁",
        "township": "ကော့သောင်း",
        "region": "MM-05",
        "postcode": "",
        "registration_number": "118806352",
        "preferred_language": "th",
        "status": "pending",
        "price_list": None,
        "payment_terms": "prepaid",
        "credit_limit_satang": 0,
        "require_po_number": False,
    },
]

ACCOUNTS = [
    {
        "email": "admin@ranong-coffee.example.org",
        "name": "ปิยะนุช แสงทอง",
        "password": "ranong-admin-2026",
        "role": "admin",
        "cooperative": None,
        "membership": None,
        "partner_shop": None,
        "locale": "th",
    },
    {
        "email": "manager@baac-ranong.example.org",
        "name": "สมชาย ทองประเสริฐ",
        "password": "raenong-owner-2026",
        "role": "staff",
        "cooperative": "baac-clients-ranong",
        "membership": "owner",
        "partner_shop": None,
        "locale": "th",
    },
    {
        "email": "packing@baac-ranong.example.org",
        "name": "กาญจนา มณีรัตน์",
        "password": "raenong-staff-2026",
        "role": "staff",
        "cooperative": "baac-clients-ranong",
        "membership": "staff",
        "partner_shop": None,
        "locale": "th",
    },
    {
        "email": "manager@laun-robusta.example.org",
        "name": "ประเสริฐ แก้วมณี",
        "password": "laun-robusta-2026",
        "role": "staff",
        "cooperative": "la-un-robusta",
        "membership": "owner",
        "partner_shop": None,
        "locale": "th",
    },
    {
        "email": "manager@kraburi-cashew.example.org",
        "name": "อารีย์ เพชรรัตน์",
        "password": "kraburi-cashew-2026",
        "role": "staff",
        "cooperative": "kra-buri-cashew",
        "membership": "owner",
        "partner_shop": None,
        "locale": "th",
    },
    {
        "email": "manager@kapoe-coop.example.org",
        "name": "สุริยา บุญช่วย",
        "password": "kapoe-coop-2026",
        "role": "staff",
        "cooperative": "kapoe-agricultural",
        "membership": "owner",
        "partner_shop": None,
        "locale": "th",
    },
    {
        "email": "manager@suksamran-coop.example.org",
        "name": "นันทนา ขุนทอง",
        "password": "suksamran-honey-2026",
        "role": "staff",
        "cooperative": "suksamran-agricultural",
        "membership": "owner",
        "partner_shop": None,
        "locale": "th",
    },
    {
        "email": "nattaphon@example.org",
        "name": "ณัฐพล ศรีสุวรรณ",
        "password": "kafae-ranong-2026",
        "role": "customer",
        "cooperative": None,
        "membership": None,
        "partner_shop": None,
        "locale": "th",
    },
    {
        "email": "aungkyawmoe@shwepyithar.example.org",
        "name": "ဦးအောင်ကျော်မိုး",
        "password": "kawthaung-shop-2026",
        "role": "partner",
        "cooperative": None,
        "membership": None,
        "partner_shop": "shwe-pyi-thar-kawthaung",
        "locale": "my",
    },
    {
        "email": "myintmyintaye@aungmyintmo.example.org",
        "name": "ဒေါ်မြင့်မြင့်အေး",
        "password": "kawthaung-mart-2026",
        "role": "partner",
        "cooperative": None,
        "membership": None,
        "partner_shop": "aung-myint-mo-kawthaung",
        "locale": "my",
    },
    {
        "email": "zawminhtut@pyitawwin.example.org",
        "name": "ကိုဇော်မင်းထွဋ်",
        "password": "kawthaung-grocery-2026",
        "role": "partner",
        "cooperative": None,
        "membership": None,
        "partner_shop": "pyi-taw-win-kawthaung",
        "locale": "th",
    },
]

# Shipping methods every demo cooperative offers: (max parcel weight in grams, price in satang).
SHIPPING_METHODS = [
    {
        "code": "thailand-post-ems",
        "name_th": "ไปรษณีย์ไทย EMS",
        "name_en": "Thailand Post EMS",
        "name_my": "ထိုင်းစာတိုက် EMS",
        "days_min": 1,
        "days_max": 3,
        "free_over_satang": 100000,
        "rates": [(1000, 5000), (3000, 8000), (5000, 12000), (10000, 18000), (20000, 30000)],
    },
    {
        "code": "flash-express",
        "name_th": "แฟลช เอ็กซ์เพรส",
        "name_en": "Flash Express",
        "name_my": "Flash Express",
        "days_min": 2,
        "days_max": 4,
        "free_over_satang": None,
        "rates": [(1000, 3900), (3000, 5900), (5000, 8900), (10000, 13900), (30000, 24900)],
    },
    # For partner shops only: collection at the cooperative, or by boat to Kawthaung.
    {
        "code": "collect-ranong",
        "name_th": "รับเองที่สหกรณ์ (ระนอง)",
        "name_en": "Collection at the cooperative in Ranong",
        "name_my": "ရနောင်း သမဝါယမတွင် ကိုယ်တိုင်လာယူ",
        "days_min": 1,
        "days_max": 2,
        "free_over_satang": None,
        "rates": [(1_000_000, 0)],
        "for_retail": False,
        "for_wholesale": True,
        "incoterm": "FCA",
        "incoterm_place": "Ranong",
    },
    {
        "code": "kawthaung-pier",
        "name_th": "ส่งถึงท่าเรือเกาะสอง (ประเทศเมียนมา)",
        "name_en": "Delivery to Kawthaung pier (Myanmar)",
        "name_my": "ကော့သောင်း ဆိပ်ကမ်းအထိ ပို့ဆောင်",
        "days_min": 2,
        "days_max": 4,
        "free_over_satang": 5_000_000,
        "rates": [],
        "price_per_carton_satang": 2_500,
        "for_retail": False,
        "for_wholesale": True,
        "incoterm": "DAP",
        "incoterm_place": "Kawthaung",
    },
]
