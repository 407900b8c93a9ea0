"""Myanmar's fifteen first-level divisions (seven regions, seven states and the Nay Pyi Taw
union territory) for a partner's address: ISO 3166-2:MM code and name in Thai, English and
Burmese. Kawthaung is in Tanintharyi Region (MM-05)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Region:
    code: str
    name_th: str
    name_en: str
    name_my: str

    def name(self, lang: str) -> str:
        """The name in "th", "en" or "my"; English for any other language."""
        return {"th": self.name_th, "my": self.name_my}.get(lang, self.name_en)


REGIONS: tuple[Region, ...] = (
    Region("MM-07", "ภาคอิรวดี", "Ayeyarwady Region", "ဧရာဝတီတိုင်းဒေသကြီး"),
    Region("MM-02", "ภาคพะโค", "Bago Region", "ပဲခူးတိုင်းဒေသကြီး"),
    Region("MM-14", "รัฐชิน", "Chin State", "ချင်းပြည်နယ်"),
    Region("MM-11", "รัฐคะฉิ่น", "Kachin State", "ကချင်ပြည်နယ်"),
    Region("MM-12", "รัฐคะยา", "Kayah State", "ကယားပြည်နယ်"),
    Region("MM-13", "รัฐกะเหรี่ยง", "Kayin State", "ကရင်ပြည်နယ်"),
    Region("MM-03", "ภาคมะกเว", "Magway Region", "မကွေးတိုင်းဒေသကြီး"),
    Region("MM-04", "ภาคมัณฑะเลย์", "Mandalay Region", "မန္တလေးတိုင်းဒေသကြီး"),
    Region("MM-15", "รัฐมอญ", "Mon State", "မွန်ပြည်နယ်"),
    Region(
        "MM-18",
        "ดินแดนสหภาพเนปยีดอ",
        "Nay Pyi Taw Union Territory",
        "နေပြည်တော် ပြည်ထောင်စုနယ်မြေ",
    ),
    Region("MM-16", "รัฐยะไข่", "Rakhine State", "ရခိုင်ပြည်နယ်"),
    Region("MM-01", "ภาคสะกาย", "Sagaing Region", "စစ်ကိုင်းတိုင်းဒေသကြီး"),
    Region("MM-17", "รัฐฉาน", "Shan State", "ရှမ်းပြည်နယ်"),
    Region("MM-05", "ภาคตะนาวศรี", "Tanintharyi Region", "တနင်္သာရီတိုင်းဒေသကြီး"),
    Region("MM-06", "ภาคย่างกุ้ง", "Yangon Region", "ရန်ကုန်တိုင်းဒေသကြီး"),
)
_BY_CODE = {r.code: r for r in REGIONS}


def get(code: str) -> Region | None:
    return _BY_CODE.get(code)


def region_name(code: str, lang: str) -> str:
    """The region's name in ``lang``; the code itself when unknown (never an error)."""
    region = _BY_CODE.get(code)
    return region.name(lang) if region else code
