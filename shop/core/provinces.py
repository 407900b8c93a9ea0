"""The 77 provinces of Thailand (76 provinces and Bangkok) for the checkout address form.

Each province has its ISO 3166-2:TH code, its name in Thai, English and Burmese, and the
two-digit postcode prefixes that Thailand Post uses for addresses in it. Codes follow ISO
3166-2:TH (which reuses the Interior Ministry's province numbers); postcode prefixes come from
Thailand Post's postcode list, checked against its subdistrict-level tables. A province's first
prefix is its own; any others are the few subdistricts that a post office in a neighbouring
province serves (for example Galyani Vadhana in Chiang Mai, served from Pai as 58130). Note
that postcodes do not follow ISO numbers in the central region: Samut Prakan (TH-11) shares
Bangkok's 10xxx, Nonthaburi (TH-12) is 11xxx, Pathum Thani (TH-13) 12xxx and so on up to
Saraburi (TH-19) at 18xxx. Burmese names are transliterations as Burmese media write them.
"""

from dataclasses import dataclass

LANGUAGES = ("th", "en", "my")


@dataclass(frozen=True)
class Province:
    """One province: ISO code, names in three languages, and its postcode prefixes."""

    code: str
    name_th: str
    name_en: str
    name_my: str
    postcode_prefixes: tuple[str, ...]

    def name(self, lang: str) -> str:
        """The name in "th", "en" or "my"; English for any other language."""
        if lang == "th":
            return self.name_th
        if lang == "my":
            return self.name_my
        return self.name_en


_P = Province

PROVINCES: tuple[Province, ...] = tuple(
    sorted(
        (
            # Central
            _P("TH-10", "กรุงเทพมหานคร", "Bangkok", "ဘန်ကောက်", ("10",)),
            _P("TH-11", "สมุทรปราการ", "Samut Prakan", "ဆမွတ်ပရာကန်", ("10",)),
            _P("TH-12", "นนทบุรี", "Nonthaburi", "နွန်ထဘူရီ", ("11",)),
            _P("TH-13", "ปทุมธานี", "Pathum Thani", "ပထုမ်ထာနီ", ("12", "13")),
            _P(
                "TH-14",
                "พระนครศรีอยุธยา",
                "Phra Nakhon Si Ayutthaya",
                "ဖရနခွန်ဆီအယုဒ္ဓယ",
                ("13", "18"),
            ),
            _P("TH-15", "อ่างทอง", "Ang Thong", "အန်ထောင်", ("14",)),
            _P("TH-16", "ลพบุรี", "Lop Buri", "လော့ဘူရီ", ("15", "13", "18")),
            _P("TH-17", "สิงห์บุรี", "Sing Buri", "ဆင်ဘူရီ", ("16",)),
            _P("TH-18", "ชัยนาท", "Chai Nat", "ချိုင်နတ်", ("17",)),
            _P("TH-19", "สระบุรี", "Saraburi", "ဆရဘူရီ", ("18", "30")),
            # East
            _P("TH-20", "ชลบุรี", "Chon Buri", "ချုံဘူရီ", ("20",)),
            _P("TH-21", "ระยอง", "Rayong", "ရယောင်း", ("21", "22")),
            _P("TH-22", "จันทบุรี", "Chanthaburi", "ချန်ထဘူရီ", ("22",)),
            _P("TH-23", "ตราด", "Trat", "တရတ်", ("23",)),
            _P("TH-24", "ฉะเชิงเทรา", "Chachoengsao", "ချချိန်ဆောင်", ("24",)),
            _P("TH-25", "ปราจีนบุรี", "Prachin Buri", "ပရာချင်ဘူရီ", ("25",)),
            _P("TH-26", "นครนายก", "Nakhon Nayok", "နခွန်နာယောက်", ("26",)),
            _P("TH-27", "สระแก้ว", "Sa Kaeo", "ဆကဲအို", ("27",)),
            # Northeast
            _P("TH-30", "นครราชสีมา", "Nakhon Ratchasima", "နခွန်ရာချသီမာ", ("30", "36")),
            _P("TH-31", "บุรีรัมย์", "Buri Ram", "ဘူရီရမ်", ("31",)),
            _P("TH-32", "สุรินทร์", "Surin", "ဆူရင်", ("32",)),
            _P("TH-33", "ศรีสะเกษ", "Si Sa Ket", "ဆီဆကက်", ("33",)),
            _P("TH-34", "อุบลราชธานี", "Ubon Ratchathani", "ဥဘုန်ရာချထာနီ", ("34",)),
            _P("TH-35", "ยโสธร", "Yasothon", "ယဆိုထွန်", ("35",)),
            _P("TH-36", "ชัยภูมิ", "Chaiyaphum", "ချိုင်ယဖွမ်", ("36",)),
            _P("TH-37", "อำนาจเจริญ", "Amnat Charoen", "အမ်နတ်ချရိုန်", ("37",)),
            _P("TH-38", "บึงกาฬ", "Bueng Kan", "ဘုန်ကန်", ("38",)),
            _P("TH-39", "หนองบัวลำภู", "Nong Bua Lam Phu", "နောင်ဘွာလမ်ဖူး", ("39",)),
            _P("TH-40", "ขอนแก่น", "Khon Kaen", "ခွန်ကိန်", ("40",)),
            _P("TH-41", "อุดรธานี", "Udon Thani", "ဥဒုန်ထာနီ", ("41",)),
            _P("TH-42", "เลย", "Loei", "လိုအီ", ("42",)),
            _P("TH-43", "หนองคาย", "Nong Khai", "နောင်ခိုင်", ("43",)),
            _P("TH-44", "มหาสารคาม", "Maha Sarakham", "မဟာဆာရခမ်", ("44",)),
            _P("TH-45", "ร้อยเอ็ด", "Roi Et", "ရွိုင်အက်", ("45",)),
            _P("TH-46", "กาฬสินธุ์", "Kalasin", "ကာလဆင်", ("46",)),
            _P("TH-47", "สกลนคร", "Sakon Nakhon", "ဆကွန်နခွန်", ("47",)),
            _P("TH-48", "นครพนม", "Nakhon Phanom", "နခွန်ဖနုံ", ("48",)),
            _P("TH-49", "มุกดาหาร", "Mukdahan", "မုတ်ဒါဟန်", ("49",)),
            # North
            _P("TH-50", "เชียงใหม่", "Chiang Mai", "ချင်းမိုင်", ("50", "58")),
            _P("TH-51", "ลำพูน", "Lamphun", "လမ်ဖွန်း", ("51",)),
            _P("TH-52", "ลำปาง", "Lampang", "လမ်ပန်", ("52",)),
            _P("TH-53", "อุตรดิตถ์", "Uttaradit", "ဥတ္တရဒိတ်", ("53",)),
            _P("TH-54", "แพร่", "Phrae", "ဖရဲ", ("54",)),
            _P("TH-55", "น่าน", "Nan", "နန်", ("55",)),
            _P("TH-56", "พะเยา", "Phayao", "ဖယောင်", ("56",)),
            _P("TH-57", "เชียงราย", "Chiang Rai", "ချင်းရိုင်", ("57",)),
            _P("TH-58", "แม่ฮ่องสอน", "Mae Hong Son", "မဲဟောင်ဆောင်", ("58",)),
            _P("TH-60", "นครสวรรค์", "Nakhon Sawan", "နခွန်ဆဝမ်", ("60",)),
            _P("TH-61", "อุทัยธานี", "Uthai Thani", "ဥထိုင်ထာနီ", ("61",)),
            _P("TH-62", "กำแพงเพชร", "Kamphaeng Phet", "ကမ်ဖိန်ဖက်", ("62",)),
            _P("TH-63", "ตาก", "Tak", "တာ့ခ်", ("63",)),
            _P("TH-64", "สุโขทัย", "Sukhothai", "ဆုခိုထိုင်", ("64",)),
            _P("TH-65", "พิษณุโลก", "Phitsanulok", "ဖိတ်ဆနုလုတ်", ("65",)),
            _P("TH-66", "พิจิตร", "Phichit", "ဖိချစ်", ("66",)),
            _P("TH-67", "เพชรบูรณ์", "Phetchabun", "ဖက်ချဘွန်", ("67",)),
            # West
            _P("TH-70", "ราชบุรี", "Ratchaburi", "ရာချဘူရီ", ("70",)),
            _P("TH-71", "กาญจนบุรี", "Kanchanaburi", "ကန်ချနဘူရီ", ("71", "70")),
            _P("TH-72", "สุพรรณบุรี", "Suphan Buri", "ဆုဖန်ဘူရီ", ("72", "71")),
            _P("TH-73", "นครปฐม", "Nakhon Pathom", "နခွန်ပထုံ", ("73",)),
            _P("TH-74", "สมุทรสาคร", "Samut Sakhon", "ဆမွတ်ဆာခွန်", ("74", "70")),
            _P("TH-75", "สมุทรสงคราม", "Samut Songkhram", "ဆမွတ်ဆောင်ခရမ်", ("75",)),
            _P("TH-76", "เพชรบุรี", "Phetchaburi", "ဖက်ချဘူရီ", ("76",)),
            _P("TH-77", "ประจวบคีรีขันธ์", "Prachuap Khiri Khan", "ပရချွပ်ခီရီခန်", ("77",)),
            # South
            _P("TH-80", "นครศรีธรรมราช", "Nakhon Si Thammarat", "နခွန်ဆီထမ္မရတ်", ("80",)),
            _P("TH-81", "กระบี่", "Krabi", "ကရာဘီ", ("81", "80")),
            _P("TH-82", "พังงา", "Phang Nga", "ဖန်ငါး", ("82", "83")),
            _P("TH-83", "ภูเก็ต", "Phuket", "ဖူးခက်", ("83",)),
            _P("TH-84", "สุราษฎร์ธานี", "Surat Thani", "ဆူရတ်ထာနီ", ("84",)),
            _P("TH-85", "ระนอง", "Ranong", "ရနောင်း", ("85",)),
            _P("TH-86", "ชุมพร", "Chumphon", "ချုံဖုန်း", ("86",)),
            _P("TH-90", "สงขลา", "Songkhla", "ဆောင်ခလာ", ("90",)),
            _P("TH-91", "สตูล", "Satun", "ဆတွန်", ("91",)),
            _P("TH-92", "ตรัง", "Trang", "တရန်", ("92",)),
            _P("TH-93", "พัทลุง", "Phatthalung", "ဖတ္တလုံ", ("93",)),
            _P("TH-94", "ปัตตานี", "Pattani", "ပတ္တာနီ", ("94",)),
            _P("TH-95", "ยะลา", "Yala", "ယလား", ("95",)),
            _P("TH-96", "นราธิวาส", "Narathiwat", "နရာသီဝပ်", ("96",)),
        ),
        key=lambda p: p.name_en,
    )
)

BY_CODE: dict[str, Province] = {p.code: p for p in PROVINCES}


def get(code: str) -> Province | None:
    """The province with this ISO 3166-2:TH code ("TH-85"), or None."""
    return BY_CODE.get(code)


def postcode_matches(code: str, postcode: str) -> bool:
    """True when postcode is five ASCII digits and Thailand Post uses it in this province.

    Checks only the two-digit prefix; False for an unknown province code.
    """
    province = BY_CODE.get(code)
    if province is None:
        return False
    if len(postcode) != 5 or not (postcode.isascii() and postcode.isdigit()):
        return False
    return postcode[:2] in province.postcode_prefixes
