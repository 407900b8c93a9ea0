"""The Thai banks a buyer transfers to, named in Thai, English and Burmese.

Codes are the banks' usual short names (as in their SWIFT codes and Thai banking apps).
Thai names are the banks' registered names; English names are the banks' own; Burmese names
translate the descriptive names (BAAC, the government banks) and keep the brand the buyer sees
in the banking app (KBank, SCB) beside the Burmese word for bank, as Burmese media write
foreign banks. A bank written out by hand that is not in the table is shown as written.
"""

from __future__ import annotations

from dataclasses import dataclass

LANGUAGES = ("th", "en", "my")


@dataclass(frozen=True)
class Bank:
    code: str
    name_th: str
    name_en: str
    name_my: str

    def name(self, lang: str) -> str:
        """The name in "th", "en" or "my"; English for any other language."""
        return {"th": self.name_th, "my": self.name_my}.get(lang, self.name_en)


BANKS: tuple[Bank, ...] = (
    Bank(
        "BAAC",
        "ธนาคารเพื่อการเกษตรและสหกรณ์การเกษตร (ธ.ก.ส.)",
        "Bank for Agriculture and Agricultural Cooperatives (BAAC)",
        "စိုက်ပျိုးရေးနှင့် စိုက်ပျိုးရေးသမဝါယမ ဘဏ် (BAAC)",
    ),
    Bank("KBANK", "ธนาคารกสิกรไทย", "Kasikornbank (KBank)", "ကာစီကွန်ဘဏ် (KBank)"),
    Bank(
        "SCB",
        "ธนาคารไทยพาณิชย์",
        "Siam Commercial Bank (SCB)",
        "ဆီယမ် ကူးသန်းရောင်းဝယ်ရေး ဘဏ် (SCB)",
    ),
    Bank("BBL", "ธนาคารกรุงเทพ", "Bangkok Bank", "ဘန်ကောက် ဘဏ် (Bangkok Bank)"),
    Bank("KTB", "ธนาคารกรุงไทย", "Krungthai Bank", "ကရုံးထိုင်း ဘဏ် (Krungthai)"),
    Bank(
        "BAY",
        "ธนาคารกรุงศรีอยุธยา (กรุงศรี)",
        "Bank of Ayudhya (Krungsri)",
        "အယုဒ္ဓယ ဘဏ် (Krungsri)",
    ),
    Bank("TTB", "ธนาคารทหารไทยธนชาต (ทีทีบี)", "TMBThanachart Bank (ttb)", "ttb ဘဏ်"),
    Bank("GSB", "ธนาคารออมสิน", "Government Savings Bank (GSB)", "အစိုးရ ငွေစုဘဏ် (GSB)"),
    Bank(
        "GHB",
        "ธนาคารอาคารสงเคราะห์ (ธอส.)",
        "Government Housing Bank (GHB)",
        "အစိုးရ အိမ်ရာဘဏ် (GHB)",
    ),
    Bank("UOB", "ธนาคารยูโอบี", "UOB Thailand", "UOB ဘဏ် (ထိုင်း)"),
    Bank("CIMBT", "ธนาคารซีไอเอ็มบี ไทย", "CIMB Thai Bank", "CIMB ထိုင်း ဘဏ်"),
    Bank("KKP", "ธนาคารเกียรตินาคินภัทร", "Kiatnakin Phatra Bank", "Kiatnakin Phatra ဘဏ်"),
    Bank("LHB", "ธนาคารแลนด์ แอนด์ เฮ้าส์", "Land and Houses Bank", "Land and Houses ဘဏ်"),
    Bank("TISCO", "ธนาคารทิสโก้", "TISCO Bank", "TISCO ဘဏ်"),
)

_BY_KEY = {
    key.casefold(): bank
    for bank in BANKS
    for key in (bank.code, bank.name_th, bank.name_en, bank.name_my)
}


def find(text: str) -> Bank | None:
    """The bank ``text`` names: its code ("KBANK", any case) or its name in any language."""
    return _BY_KEY.get(" ".join(str(text).split()).casefold())


def bank_name(text: str, lang: str) -> str:
    """``text`` (a bank's code or name) as the bank's name in ``lang``; text that names no
    bank in the table comes back as written."""
    bank = find(text)
    return bank.name(lang) if bank else text
