"""The fixed wording of the wholesale papers (proforma, commercial invoice, packing list) in
Burmese, English and Thai, printed side by side whatever the reader's interface language.

Kept here rather than in the message catalogues: a document issued today must carry all three
languages now and forever (it is stored), not whatever the catalogues held when it was
rendered. The Burmese and Thai of words the shop's pages already use are the catalogues' own
(cartons: ကတ်တူးဘူး, จำนวนลัง; payment terms; bank details).
"""

from __future__ import annotations

LABELS: dict[str, dict[str, str]] = {
    "proforma": {
        "my": "ကြိုတင်ငွေတောင်းခံလွှာ",
        "en": "Proforma invoice",
        "th": "ใบแจ้งหนี้ล่วงหน้า",
    },
    "commercial_invoice": {
        "my": "ကုန်သွယ်ရေး ငွေတောင်းခံလွှာ",
        "en": "Commercial invoice",
        "th": "ใบกำกับสินค้า",
    },
    "packing_list": {
        "my": "ကုန်ထုပ်ပိုးစာရင်း",
        "en": "Packing list",
        "th": "ใบรายการบรรจุหีบห่อ",
    },
    "not_tax_invoice": {
        "my": "ဤစာရွက်သည် အခွန်ငွေတောင်းခံလွှာ မဟုတ်ပါ။",
        "en": "This is not a tax invoice.",
        "th": "เอกสารนี้ไม่ใช่ใบกำกับภาษี",
    },
    "number": {"my": "အမှတ်", "en": "No.", "th": "เลขที่"},
    "date": {"my": "ရက်စွဲ", "en": "Date", "th": "วันที่"},
    "order": {"my": "မှာယူမှု", "en": "Order", "th": "คำสั่งซื้อ"},
    "po_number": {
        "my": "ဝယ်ယူမှာကြားလွှာ (PO) နံပါတ်",
        "en": "Purchase-order number",
        "th": "เลขที่ใบสั่งซื้อ (PO)",
    },
    "seller": {"my": "ရောင်းသူ", "en": "Seller", "th": "ผู้ขาย"},
    "buyer": {"my": "ဝယ်သူ", "en": "Buyer", "th": "ผู้ซื้อ"},
    "exporter": {"my": "တင်ပို့သူ", "en": "Exporter", "th": "ผู้ส่งออก"},
    "importer": {"my": "တင်သွင်းသူ", "en": "Importer", "th": "ผู้นำเข้า"},
    "tax_id": {"my": "အခွန်ထမ်းအမှတ်", "en": "Tax ID", "th": "เลขประจำตัวผู้เสียภาษี"},
    "head_office": {"my": "ရုံးချုပ်", "en": "Head office", "th": "สำนักงานใหญ่"},
    "branch": {"my": "ဌာနခွဲ", "en": "Branch", "th": "สาขาที่"},
    "registration": {
        "my": "ကုမ္ပဏီမှတ်ပုံတင်အမှတ်",
        "en": "Company registration no.",
        "th": "เลขทะเบียนบริษัท",
    },
    "phone": {"my": "ဖုန်း", "en": "Phone", "th": "โทรศัพท์"},
    "contact": {"my": "ဆက်သွယ်ရန်", "en": "Contact", "th": "ผู้ติดต่อ"},
    "goods_description": {"my": "ပစ္စည်း", "en": "Description of goods", "th": "รายการสินค้า"},
    "hs_code": {"my": "HS ကုဒ်", "en": "HS code", "th": "พิกัดศุลกากร"},
    "quantity": {"my": "အရေအတွက်", "en": "Quantity", "th": "จำนวน"},
    "units": {"my": "ခု", "en": "units", "th": "หน่วย"},
    "cartons": {"my": "ကတ်တူးဘူး အရေအတွက်", "en": "Cartons", "th": "จำนวนลัง"},
    "per_carton": {"my": "တစ်ဘူးလျှင်", "en": "per carton", "th": "ต่อลัง"},
    "unit_price": {
        "my": "တစ်ခုလျှင် ဈေးနှုန်း (ဘတ်)",
        "en": "Unit price (THB)",
        "th": "ราคาต่อหน่วย (บาท)",
    },
    "amount": {"my": "ငွေပမာဏ (ဘတ်)", "en": "Amount (THB)", "th": "จำนวนเงิน (บาท)"},
    "goods": {"my": "ပစ္စည်းတန်ဖိုး", "en": "Goods", "th": "ค่าสินค้า"},
    "freight": {"my": "ပို့ဆောင်ခ", "en": "Delivery / freight", "th": "ค่าขนส่ง"},
    "total": {"my": "စုစုပေါင်း (ဘတ်)", "en": "Total (THB)", "th": "รวมทั้งสิ้น (บาท)"},
    "all_cartons": {"my": "စုစုပေါင်း", "en": "Total", "th": "รวม"},
    "currency": {
        "my": "ငွေကြေး: ထိုင်းဘတ် (THB)",
        "en": "Currency: Thai baht (THB)",
        "th": "สกุลเงิน: บาท (THB)",
    },
    "valid_until": {"my": "သက်တမ်းကုန်ဆုံးရက်", "en": "Valid until", "th": "ใช้ได้ถึงวันที่"},
    "payment_terms": {
        "my": "ငွေပေးချေမှု စည်းကမ်းချက်များ",
        "en": "Payment terms",
        "th": "เงื่อนไขการชำระเงิน",
    },
    "prepaid": {
        "my": "ကြိုတင်ငွေပေးချေ: ပစ္စည်းမပို့မီ ငွေလွှဲ သို့မဟုတ် PromptPay ဖြင့်",
        "en": "Prepaid: transfer or PromptPay before delivery",
        "th": "ชำระเงินล่วงหน้า: โอนเงินหรือพร้อมเพย์ก่อนจัดส่ง",
    },
    "net_days": {
        "my": "အကြွေး %(days)s ရက် (ငွေတောင်းခံလွှာ ရက်စွဲမှ)",
        "en": "Net %(days)s days from the invoice date",
        "th": "เครดิต %(days)s วันนับจากวันที่ในใบแจ้งหนี้",
    },
    "pay_to": {"my": "ငွေလွှဲရန်", "en": "Pay to", "th": "ชำระเงินเข้าบัญชี"},
    "bank": {"my": "ဘဏ်", "en": "Bank", "th": "ธนาคาร"},
    "account_name": {"my": "အကောင့်အမည်", "en": "Account name", "th": "ชื่อบัญชี"},
    "account_number": {"my": "အကောင့်နံပါတ်", "en": "Account number", "th": "เลขที่บัญชี"},
    "promptpay": {"my": "PromptPay", "en": "PromptPay", "th": "พร้อมเพย์"},
    "scan_to_pay": {
        "my": "ဘဏ်အက်ပ်ဖြင့် စကန်ဖတ်၍ ပေးချေပါ",
        "en": "Scan with a banking app to pay",
        "th": "สแกนด้วยแอปธนาคารเพื่อชำระเงิน",
    },
    "quote_reference": {
        "my": "ငွေလွှဲရာတွင် မှာယူမှုအမှတ် %(order)s ကို ဖော်ပြပါ",
        "en": "Please quote order %(order)s with your transfer",
        "th": "โปรดระบุเลขที่คำสั่งซื้อ %(order)s เมื่อโอนเงิน",
    },
    "replaces": {"my": "အစားထိုးသည့် စာရွက်", "en": "Replaces", "th": "ใช้แทนฉบับเลขที่"},
    "to_be_confirmed": {
        "my": "အရေအတွက်များကို သမဝါယမက အတည်ပြုရန် ကျန်ပါသေးသည်",
        "en": "Quantities are still to be confirmed by the cooperative",
        "th": "จำนวนสินค้ายังรอสหกรณ์ยืนยัน",
    },
    "incoterm": {
        "my": "ပို့ဆောင်ရေး စည်းကမ်း (Incoterms 2020)",
        "en": "Terms of delivery (Incoterms 2020)",
        "th": "เงื่อนไขการส่งมอบ (Incoterms 2020)",
    },
    "origin": {
        "my": "ထုတ်လုပ်သည့်နိုင်ငံ",
        "en": "Country of origin",
        "th": "ประเทศแหล่งกำเนิดสินค้า",
    },
    "destination": {"my": "ဦးတည်ရာနိုင်ငံ", "en": "Country of destination", "th": "ประเทศปลายทาง"},
    "TH": {"my": "ထိုင်း", "en": "Thailand", "th": "ไทย"},
    "MM": {"my": "မြန်မာ", "en": "Myanmar", "th": "เมียนมา"},
    "delivery_date": {"my": "ပို့ဆောင်မည့်ရက်", "en": "Delivery date", "th": "วันที่จัดส่ง"},
    "net_weight": {
        "my": "အသားတင် အလေးချိန် (ကီလို)",
        "en": "Net weight (kg)",
        "th": "น้ำหนักสุทธิ (กก.)",
    },
    "gross_weight": {
        "my": "စုစုပေါင်း အလေးချိန် (ကီလို)",
        "en": "Gross weight (kg)",
        "th": "น้ำหนักรวม (กก.)",
    },
    "carton_numbers": {"my": "ဘူးအမှတ်", "en": "Carton nos.", "th": "ลังที่"},
    "shipping_marks": {"my": "ဘူးပေါ်ရှိ အမှတ်အသား", "en": "Shipping marks", "th": "เครื่องหมายหีบห่อ"},
    "not_weighed": {
        "my": "* ဘူးကို မချိန်ရသေးပါ: ပစ္စည်းများ၏ အလေးချိန်မှ တွက်ထားသည်",
        "en": "* carton not weighed yet: from the packs' weights",
        "th": "* ยังไม่ได้ชั่งลัง: คำนวณจากน้ำหนักสินค้า",
    },
    "declaration": {
        "my": "ဤငွေတောင်းခံလွှာပါ ဈေးနှုန်းနှင့် အချက်အလက်အားလုံး မှန်ကန်ကြောင်း ကြေညာပါသည်။",
        "en": "We declare that this invoice shows the actual price of the goods described and "
        "that all particulars are true and correct.",
        "th": "ขอรับรองว่าราคาและรายละเอียดทั้งหมดในเอกสารนี้ถูกต้องตามความเป็นจริง",
    },
    "signature": {"my": "လက်မှတ်", "en": "Authorised signature", "th": "ลายมือชื่อผู้มีอำนาจ"},
}


def label(key: str, lang: str, **values) -> str:
    """The wording of ``key`` in ``lang`` ("my", "en" or "th"), with ``values`` filled in."""
    text = LABELS[key][lang]
    return text % values if values else text
