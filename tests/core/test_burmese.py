"""Zawgyi detection (shop.core.burmese): real Zawgyi is refused, short Unicode words are not."""

from __future__ import annotations

import pytest

from shop.core.burmese import looks_like_zawgyi

# Unicode Burmese, among them short words the detector alone scores above 0.95
UNICODE = [
    "ငါး", "ငါးခု", "ငါး ဘူး", "၍", "၏", "ခု", "ရေ", "ငွေ", "ပြီ", "ထုပ်", "သုံး", "ကြက်",
    "ကော်ဖီ", "မြန်မာ", "ကျွန်တော်", "ပိုက်ဆံ", "ကော်ဖီ ၃ ထုပ်", "၃-မျိုးစပ်", "မင်္ဂလာပါ",
    "ပစ္စည်းကုဒ်", "အရေအတွက်", "ကမ္ဘာ", "သင်္ဘော", "ကျေးဇူးတင်ပါတယ်", "ဘယ်လောက်လဲ", "၁၂၃",
    "coffee", "กาแฟ", "",
]  # fmt: skip
ZAWGYI = [
    "ေရ", "ေငြ", "ၿပီ", "ၾက", "ထုပ္", "ေကာ္ဖီ", "ျမန္မာ", "ၾကက္", "က်ေနာ္", "ပစၥည္းကုဒ္",
    "အေရအတြက္", "ေကာ္ဖီ ၂ ထုပ္", "ေက်းဇူးတင္ပါတယ္", "ဘယ္ေလာက္လဲ", "ေစ်းႏႈန္း", "မဂ်ၤလာပါ",
]  # fmt: skip


@pytest.mark.parametrize("text", UNICODE)
def test_unicode_burmese_is_not_taken_for_zawgyi(text):
    assert not looks_like_zawgyi(text)


@pytest.mark.parametrize("text", ZAWGYI)
def test_zawgyi_is_recognised(text):
    assert looks_like_zawgyi(text)
