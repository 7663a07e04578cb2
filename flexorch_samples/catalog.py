"""Per-language vocabulary: titles, labels, line items, transaction texts, clauses.

Kept apart from the builders so a reviewer can read what the documents say in each
language without wading through arithmetic.
"""
from __future__ import annotations

TITLES = {
    "invoice": {"tr": ["e-Arşiv Fatura", "FATURA", "e-Fatura"], "de": ["Rechnung", "RECHNUNG"],
                "en": ["Invoice", "INVOICE", "Tax Invoice"]},
    "payroll_slip": {"tr": ["Maaş Bordrosu", "Ücret Bordrosu", "BORDRO"],
                     "de": ["Lohnabrechnung", "Gehaltsabrechnung", "Entgeltabrechnung"],
                     "en": ["Payslip", "Earnings Statement", "Pay Stub"]},
    "purchase_order": {"tr": ["Satın Alma Siparişi", "SİPARİŞ FORMU"], "de": ["Bestellung", "Auftrag / Bestellung"],
                       "en": ["Purchase Order", "PURCHASE ORDER"]},
    "receipt": {"tr": ["Fiş", "Satış Fişi", "Makbuz"], "de": ["Kassenbon", "Quittung", "Beleg"],
                "en": ["Receipt", "Sales Receipt", "Customer Receipt"]},
    "bank_statement": {"tr": ["Hesap Özeti", "Hesap Ekstresi"], "de": ["Kontoauszug"],
                       "en": ["Bank Statement", "Account Statement"]},
    "contract": {"tr": ["Hizmet Sözleşmesi", "Bakım ve Danışmanlık Hizmet Sözleşmesi"],
                 "de": ["Dienstleistungsvertrag", "Wartungs- und Beratungsvertrag"],
                 "en": ["Service Agreement", "Employment Contract"]},
}

LABELS = {
    "tr": {
        "invoice_number": "Fatura No", "invoice_date": "Fatura Tarihi", "due_date": "Son Ödeme Tarihi",
        "ettn": "ETTN", "order_ref": "Sipariş No", "bill_to": "SAYIN", "tax_office": "Vergi Dairesi",
        "vkn": "VKN", "tckn": "TCKN", "vat": "Vergi No", "phone": "Tel", "email": "E-posta", "web": "Web",
        "pos": "Sıra No", "item": "Mal / Hizmet", "qty": "Miktar", "unit": "Birim", "unit_price": "Birim Fiyat",
        "amount": "Tutar", "vat_pct": "KDV %", "subtotal": "Ara Toplam", "tax": "KDV %{rate}",
        "total": "Genel Toplam", "payable": "Ödenecek Tutar", "iban": "IBAN", "bic": "SWIFT", "bank": "Banka",
        "customer_no": "Müşteri No", "reference": "Referans No", "mersis": "Mersis No",
        "payment": "Ödeme Bilgileri", "date": "Tarih", "time": "Saat",
        "dob": "Doğum Tarihi", "passport": "Pasaport No", "plate": "Araç Plakası",
    },
    "de": {
        "invoice_number": "Rechnungsnummer", "invoice_date": "Rechnungsdatum", "due_date": "Fällig am",
        "order_ref": "Ihre Bestellung", "bill_to": "Rechnungsempfänger", "vat": "USt-IdNr.",
        "phone": "Tel.", "email": "E-Mail", "web": "Web", "pos": "Pos.", "item": "Bezeichnung",
        "qty": "Menge", "unit": "Einheit", "unit_price": "Einzelpreis", "amount": "Betrag",
        "subtotal": "Zwischensumme", "tax": "MwSt. {rate} %", "total": "Gesamtbetrag",
        "iban": "IBAN", "bic": "BIC", "bank": "Bank", "customer_no": "Kundennummer", "reference": "Referenz",
        "register": "Handelsregister", "payment": "Zahlungsinformationen", "date": "Datum", "time": "Uhrzeit",
        "dob": "Geburtsdatum", "passport": "Reisepass-Nr.",
    },
    "en": {
        "invoice_number": "Invoice No.", "invoice_date": "Invoice Date", "due_date": "Due Date",
        "order_ref": "PO Number", "bill_to": "Bill To", "vat": "Tax ID", "ein": "EIN", "phone": "Phone",
        "email": "Email", "web": "Web", "pos": "#", "item": "Description", "qty": "Qty", "unit": "Unit",
        "unit_price": "Unit Price", "amount": "Amount", "subtotal": "Subtotal", "tax": "Sales Tax {rate}%",
        "total": "Total", "iban": "IBAN", "bic": "SWIFT/BIC", "bank": "Bank", "routing": "Routing No. (ABA)",
        "account": "Account No.", "customer_no": "Customer No.", "reference": "Reference",
        "payment": "Payment Information", "date": "Date", "time": "Time", "dob": "Date of Birth",
        "passport": "Passport No.",
    },
}

# (name, unit, min price, max price)
ITEMS = {
    "tr": [("Danışmanlık Hizmeti", "Saat", 750, 2500), ("A4 Fotokopi Kağıdı (500'lü)", "Paket", 120, 260),
           ("Dizüstü Bilgisayar 15,6\"", "Adet", 18000, 42000), ("Yazılım Lisansı (Yıllık)", "Adet", 2500, 9000),
           ("Ofis Koltuğu Ergonomik", "Adet", 3500, 8500), ("Toner Kartuşu Siyah", "Adet", 900, 2400),
           ("Kargo ve Nakliye Bedeli", "Sefer", 400, 1500), ("Bakım ve Onarım Hizmeti", "Saat", 600, 1800),
           ("Paslanmaz Çelik Vida M8", "Kutu", 80, 240), ("Güvenlik Kamerası Kurulumu", "Adet", 2200, 6000),
           ("Web Sitesi Barındırma", "Ay", 300, 1200), ("Temizlik Malzemesi Seti", "Set", 250, 700)],
    "de": [("Beratungsleistung", "Std.", 95, 180), ("Druckerpapier A4, 500 Blatt", "Pck.", 4, 9),
           ("Notebook 15,6 Zoll", "Stk.", 700, 1800), ("Softwarelizenz (12 Monate)", "Stk.", 120, 900),
           ("Bürostuhl ergonomisch", "Stk.", 180, 650), ("Tonerkartusche schwarz", "Stk.", 45, 140),
           ("Versandkosten", "psch.", 8, 45), ("Wartung und Instandhaltung", "Std.", 65, 120),
           ("Edelstahlschrauben M8", "Karton", 12, 35), ("Montage Überwachungskamera", "Stk.", 150, 420),
           ("Webhosting Business", "Monat", 15, 60), ("Reinigungsmittel-Set", "Set", 20, 55)],
    "en": [("Consulting services", "hrs", 90, 220), ("Copy paper, letter, 500 sheets", "ream", 6, 14),
           ("Laptop 15.6-inch", "ea", 650, 1900), ("Software license (annual)", "ea", 99, 1200),
           ("Ergonomic office chair", "ea", 150, 600), ("Toner cartridge, black", "ea", 40, 150),
           ("Shipping & handling", "lot", 10, 60), ("Maintenance and repair", "hrs", 60, 140),
           ("Stainless steel bolts M8", "box", 10, 30), ("Security camera installation", "ea", 140, 450),
           ("Web hosting, business plan", "mo", 15, 70), ("Janitorial supply kit", "kit", 20, 60)],
}

RECEIPT_ITEMS = {
    "tr": [("Ekmek", 10, 20), ("Süt 1 L", 28, 45), ("Beyaz Peynir", 90, 180), ("Çay 1 kg", 150, 260),
           ("Simit", 10, 20), ("Ayran", 12, 25), ("Domates kg", 20, 45), ("Zeytinyağı 1 L", 280, 420),
           ("Türk Kahvesi", 60, 110), ("Deterjan", 120, 260)],
    "de": [("Brötchen", 0.4, 0.9), ("Vollmilch 1 l", 0.99, 1.59), ("Butter 250 g", 1.79, 2.99),
           ("Kaffee gemahlen", 4.99, 8.99), ("Bananen kg", 1.19, 2.29), ("Mineralwasser 6x1,5 l", 2.49, 4.99),
           ("Käse Gouda", 2.29, 4.49), ("Laugenbrezel", 0.6, 1.2), ("Spülmittel", 1.29, 2.99), ("Äpfel kg", 1.99, 3.49)],
    "en": [("Coffee, large", 2.5, 4.9), ("Bagel w/ cream cheese", 2.9, 4.5), ("Orange juice", 3.2, 5.5),
           ("Paper towels 6pk", 7.9, 12.9), ("Batteries AA 8pk", 8.9, 14.9), ("Sandwich, turkey", 7.5, 11.9),
           ("Bottled water", 1.5, 2.9), ("Chocolate bar", 1.2, 2.5), ("Dish soap", 2.9, 4.9), ("Apples, lb", 1.5, 2.9)],
}

MERCHANTS = {"tr": ["{last} Market", "Kafe {last}", "{last} Eczanesi", "{last} Şarküteri"],
             "de": ["Bäckerei {last}", "{last} Apotheke", "Getränkemarkt {last}", "{last} Lebensmittel"],
             "en": ["{last}'s Deli", "{last} Hardware", "{last} Pharmacy", "{last} Market"]}

BANKS = {"tr": ["Marmara Bank A.Ş.", "Ege Yatırım Bankası A.Ş.", "Anadolu Ticaret Bankası A.Ş."],
         "de": ["Rheinische Sparkasse", "Hanseatische Volksbank eG", "Süddeutsche Handelsbank AG"],
         "en": ["First Harbor Bank, N.A.", "Lakeside Savings Bank", "Pioneer National Bank"]}

TRANSACTIONS = {
    "tr": {"credit": ["Maaş Ödemesi - {company}", "EFT Gelen - {person}", "FAST Gelen - {person}", "Kira Geliri"],
           "debit": ["POS Harcama - {merchant}", "Kredi Kartı Ödemesi", "Fatura Ödemesi - Elektrik",
                     "Fatura Ödemesi - Doğalgaz", "ATM Para Çekme", "EFT Giden - {person}", "Otomatik Ödeme - GSM"]},
    "de": {"credit": ["Gehalt {company}", "Gutschrift {person}", "SEPA-Überweisung {person}", "Erstattung Finanzamt"],
           "debit": ["Kartenzahlung {merchant}", "Lastschrift Stadtwerke", "Dauerauftrag Miete",
                     "Bargeldauszahlung", "SEPA-Lastschrift Versicherung", "Überweisung an {person}"]},
    "en": {"credit": ["ACH Deposit PAYROLL {company}", "Zelle payment from {person}", "Mobile check deposit",
                      "Interest payment"],
           "debit": ["Debit card purchase {merchant}", "ATM withdrawal", "Online transfer to savings",
                     "ACH Debit Electric Co.", "Check #{check}", "Zelle payment to {person}"]},
}

TERMS = {
    "tr": ["Genel Koşullar",
           "1. Ödeme, fatura tarihinden itibaren belirtilen vade içinde yukarıdaki IBAN numarasına yapılmalıdır.",
           "2. Vadesinde ödenmeyen tutarlar için yasal gecikme faizi uygulanır.",
           "3. Teslim edilen mallarda görülen ayıplar teslimden itibaren 8 gün içinde yazılı olarak bildirilmelidir.",
           "4. İşbu belgeden doğan uyuşmazlıklarda İstanbul Mahkemeleri ve İcra Daireleri yetkilidir."],
    "de": ["Allgemeine Geschäftsbedingungen",
           "1. Zahlungen sind innerhalb der angegebenen Frist ohne Abzug auf das oben genannte Konto zu leisten.",
           "2. Bei Zahlungsverzug werden Verzugszinsen in gesetzlicher Höhe berechnet.",
           "3. Mängel sind innerhalb von 8 Tagen nach Lieferung schriftlich anzuzeigen.",
           "4. Gerichtsstand ist der Sitz des Auftragnehmers."],
    "en": ["Terms and Conditions",
           "1. Payment is due within the period stated above, without deduction.",
           "2. Late payments are subject to interest at the maximum rate permitted by law.",
           "3. Defects must be reported in writing within 8 days of delivery.",
           "4. This document is governed by the laws of the State of New York."],
}
