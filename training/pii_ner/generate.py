"""Training sentences for the PERSON/ADDRESS model, written from templates of our own.

Why: no openly licensed, labelled EN/TR/DE name-and-address corpus installs from a package
registry, and the benchmark sentences (presidio-research) must never be trained on. So the
project writes its own: a few hundred sentence frames (letters, e-mails, chat, forms, notes,
reports; names and addresses written many ways, and sentences with capitalised words that are
NOT names - companies, cities, products, headings) in English, German and Turkish, filled with
values from Faker's locales (MIT). Everything here is generated: no real person is in it.

``examples(seed, count)`` yields ``(text, [(start, end, label), ...])``; labels are PERSON and
ADDRESS. The same seed gives the same examples (``random.Random`` + Faker's own seeding).
``name_parts()`` returns every first and last name the generator can draw, so a benchmark can
split gold names into seen and unseen ones.
"""
from __future__ import annotations

import random
import re
from datetime import date
from typing import Iterator

from faker import Faker

Span = tuple[int, int, str]

# Locales whose names appear in English, German and Turkish business text (latin script).
NAME_LOCALES = {
    "en": ["en_US", "en_GB", "en_CA", "en_AU", "en_IN", "en_IE", "en_NZ", "fr_FR", "it_IT", "es_ES",
           "nl_NL", "pl_PL", "pt_BR", "sv_SE", "de_DE", "tr_TR", "da_DK", "fi_FI", "cs_CZ", "ro_RO",
           "es_MX", "pt_PT", "no_NO", "hu_HU", "id_ID", "en_PH", "fil_PH", "sk_SK", "hr_HR", "sl_SI"],
    "de": ["de_DE", "de_AT", "de_CH", "tr_TR", "pl_PL", "it_IT", "en_US", "en_GB", "fr_FR", "nl_NL",
           "hr_HR", "cs_CZ", "ro_RO", "es_ES"],
    "tr": ["tr_TR", "tr_TR", "tr_TR", "de_DE", "en_US", "en_GB", "fr_FR", "it_IT", "ru_RU"],
}
_LATIN = re.compile(r"^[\w' .,&/-]+$")
_NON_LATIN = re.compile(r"[^\W\dA-Za-zÀ-ɏ_]")

TR_CITIES = ("İstanbul Ankara İzmir Bursa Antalya Konya Adana Gaziantep Kayseri Mersin Eskişehir "
             "Samsun Trabzon Denizli Malatya Sakarya Kocaeli Tekirdağ Manisa Muğla Aydın Balıkesir "
             "Edirne Çanakkale Erzurum Diyarbakır Hatay Van Sivas Ordu Rize Bolu Düzce").split()
TR_DISTRICTS = ("Kadıköy Beşiktaş Üsküdar Şişli Bakırköy Çankaya Keçiören Karşıyaka Bornova "
                "Nilüfer Osmangazi Muratpaşa Selçuklu Seyhan Tepebaşı Atakum Ortahisar Merkez "
                "Maltepe Kartal Pendik Ataşehir Sarıyer Beylikdüzü Esenyurt Yenimahalle Konak "
                "Buca Odunpazarı Alanya Bodrum Fethiye").split()
TR_STREET_NAMES = ("Atatürk İnönü Cumhuriyet İstiklal Gazi Fevzi Çakmak Bağdat Barbaros Kızılay "
                   "Menekşe Lale Gül Papatya Çınar Kavak Ihlamur Zambak Orkide Söğüt Akasya Manolya "
                   "Meşe Çamlık Bahar Yıldız Güneş Deniz Sahil Pınar Dere Bahçe Hürriyet Zafer "
                   "Mimar Sinan Fatih Yavuz Selim Mevlana Yunus Emre Namık Kemal Ziya Gökalp").split()
TR_STREET_TYPES = ("Sokak", "Sokağı", "Sok.", "Sk.", "Caddesi", "Cad.", "Cd.", "Bulvarı", "Blv.")
TR_MAH = ("Mahallesi", "Mah.", "Mh.")
DE_STREET_TYPES = ("straße", "str.", "weg", "allee", "platz", "gasse", "ring", "damm", "ufer")
US_SUFFIXES = ("Street", "St.", "St", "Avenue", "Ave", "Ave.", "Road", "Rd.", "Boulevard", "Blvd",
               "Lane", "Ln", "Drive", "Dr.", "Court", "Ct", "Place", "Way", "Terrace", "Circle",
               "Parkway", "Highway", "Trail", "Crescent", "Close", "Square")
UNITS = ("Apt {n}", "Apt. {n}", "Suite {n}", "Unit {n}", "#{n}", "Flat {n}", "Floor {n}", "Ste {n}")
STREET_WORDS = ("Oak Maple Cedar Pine Elm Birch Willow Hill Lake River Park Spring Forest Meadow "
                "Sunset Highland Valley Ridge Church Mill Market Station Bridge Garden Orchard "
                "Washington Lincoln Jefferson Madison Franklin Jackson Adams Monroe Harrison "
                "Kingston Chester Windsor Oxford Cambridge Victoria Albert Queen King Prince "
                "Rosewood Oakwood Briarwood Foxglove Heather Juniper Magnolia Laurel Chestnut "
                "Hawthorn Aspen Sycamore Poplar Hazel Linden Fairview Greenfield Westfield "
                "Northgate Southgate Eastwood Brookside Riverside Lakeside Hillcrest Woodland").split()

EN_TITLES = ("Mr.", "Mr", "Mrs.", "Mrs", "Ms.", "Ms", "Dr.", "Dr", "Prof.", "Miss", "Sir")
DE_TITLES = ("Herr", "Frau", "Hr.", "Fr.", "Dr.", "Prof. Dr.", "Herrn")
TR_TITLES = ("Sayın", "Sn.", "Bay", "Bayan", "Dr.", "Av.", "Prof. Dr.", "Op. Dr.")
TR_SUFFIX_TITLES = ("Bey", "Hanım", "Hanımefendi")

PRODUCTS = ("Model X200", "ThinkPad T14", "Office 365", "Windows 11", "iPhone 15", "Galaxy S23",
            "Premium Plan", "Gold Package", "Service Pack 2", "Router AX3000", "Cloud Storage",
            "Annual Licence", "Starter Kit", "Pro Edition", "Enterprise Suite", "Model S",
            "PowerEdge R750", "Surface Pro", "Adobe Acrobat", "Excel", "Salesforce", "SAP S/4HANA",
            "Jira", "Slack", "Teams", "Zoom", "Dropbox", "Python", "Java", "Linux", "Oracle")
DEPARTMENTS = ("Accounts Payable", "Human Resources", "Customer Service", "IT Support", "Legal",
               "Finance", "Procurement", "Sales", "Marketing", "Operations", "Quality Assurance",
               "Research and Development", "Compliance", "Logistics", "Facilities", "Payroll")
DE_DEPARTMENTS = ("Buchhaltung", "Personalabteilung", "Kundendienst", "Einkauf", "Vertrieb",
                  "Rechtsabteilung", "Geschäftsführung", "Lohnbuchhaltung", "Logistik")
TR_DEPARTMENTS = ("Muhasebe", "İnsan Kaynakları", "Müşteri Hizmetleri", "Satın Alma", "Satış",
                  "Hukuk Müşavirliği", "Genel Müdürlük", "Bilgi İşlem", "Lojistik")
HEADINGS = ("Annual Report", "Terms and Conditions", "Privacy Policy", "Quarterly Results",
            "Purchase Order", "Delivery Note", "Credit Note", "Payment Terms", "Table of Contents",
            "Executive Summary", "Risk Assessment", "Project Plan", "Meeting Minutes",
            "Service Level Agreement", "Statement of Work", "General Ledger", "Balance Sheet",
            "Cash Flow Statement", "Board of Directors", "Supreme Court", "European Union",
            "United Nations", "Federal Reserve", "Middle East", "North America", "New Year",
            "Black Friday", "Christmas Eve", "Easter Monday", "Labour Day", "Data Protection Act")
ORG_FIRST = ("Blue Harbor Northwind Summit Apex Silver Green Valley Pioneer Atlas Horizon Beacon "
             "Crescent Evergreen Liberty Meridian Nova Orion Pacific Redwood Sterling Titan Unity "
             "Vertex Zenith Bright Clear Global United Royal Capital First National Metro "
             "Coastal Granite Iron Golden Lakeside Riverside Central Western Eastern Southern").split()
ORG_LAST = ("Analytics Bank Foods Health Logistics Media Partners Insurance Investments Labs "
            "Systems Solutions Energy Motors Pharma Capital Times Journal Herald "
            "Club Foundation Institute University College Hospital Clinic Airlines Telecom Games "
            "Studios Records Press Review Magazine Network Group Council Agency Trust Works "
            "Ventures Consulting Dynamics Robotics Software Security").split()
US_STATES = ("Alabama Alaska Arizona Arkansas California Colorado Connecticut Delaware Florida "
             "Georgia Hawaii Idaho Illinois Indiana Iowa Kansas Kentucky Louisiana Maine Maryland "
             "Massachusetts Michigan Minnesota Mississippi Missouri Montana Nebraska Nevada Ohio "
             "Oklahoma Oregon Pennsylvania Tennessee Texas Utah Vermont Virginia Washington Wisconsin "
             "Wyoming").split()
EN_MONTHS = ("January February March April May June July August September October November "
             "December").split()
EN_DAYS = "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()
DE_MONTHS = "Januar Februar März April Mai Juni Juli August September Oktober November Dezember".split()
DE_DAYS = "Montag Dienstag Mittwoch Donnerstag Freitag Samstag Sonntag".split()
TR_MONTHS = "Ocak Şubat Mart Nisan Mayıs Haziran Temmuz Ağustos Eylül Ekim Kasım Aralık".split()
TR_DAYS = "Pazartesi Salı Çarşamba Perşembe Cuma Cumartesi Pazar".split()
WORLD_CITIES = [c.replace("_", " ") for c in (
                "London Paris Berlin Munich Hamburg Vienna Zurich Istanbul Ankara Madrid Rome Milan "
                "Amsterdam Rotterdam Brussels Warsaw Prague Stockholm Oslo Copenhagen Helsinki "
                "Dublin Lisbon Athens Budapest Bucharest Sofia New_York Chicago Boston Seattle "
                "Toronto Sydney Melbourne Singapore Dubai Tokyo Frankfurt Cologne Stuttgart Izmir "
                "Bursa Antalya Geneva Basel Lyon Marseille Barcelona Valencia Porto Manchester "
                "Birmingham Leeds Glasgow Edinburgh Dallas Houston Denver Atlanta Miami Los_Angeles "
                "San_Francisco Hong_Kong Tel_Aviv Cape_Town Buenos_Aires Mexico_City Rio_de_Janeiro"
                ).split()]


# --- sentence frames ------------------------------------------------------------------------
# Slots: {P} a person (written one of many ways), {P2} another person, {A} an address,
# {S} a street without a number, {C} a company, {CITY}, {CTRY} a country, {D} a date,
# {M} an amount, {PR} a product, {J} a job title, {DEPT} a department, {H} a heading,
# {DAY} a weekday, {MON} a month, {N} a number, {PH} a phone, {EM} an e-mail, {REF} a reference,
# {ORG} an organisation without a legal form, {STATE} a US state,
# {PL}/{PF} a surname / first name alone.
EN = r"""
Please send the invoice to {P} at {A}.
{P} will join the call on {DAY} at 10am.
I spoke with {P} from {C} yesterday about the delayed shipment.
The contract was signed by {P} on {D}.
Dear {P}, thank you for your order.
Hi {P}, can you check the numbers for {MON} before the meeting?
Thanks {P}! I'll forward it to {P2}.
Our new account manager, {P}, will contact you next week.
{P} moved to {A} last month.
My name is {P} and I live at {A}.
I'm {P}, the {J} at {C}.
Please ship the parts to {A}.
The package was delivered to {A} but nobody was home.
Deliver to: {P}, {A}
Ship to {P}\n{A}
Billing address: {A}
Our office is located at {A}.
She lives at {A} with her two children.
He used to live on {S} before moving to {CITY}.
Meet me at {A} at noon.
The property at {A} is listed for {M}.
Can you confirm that {P} still lives at {A}?
{P} and {P2} attended the workshop in {CITY}.
According to {P}, the report will be ready by {D}.
The meeting with {P} has been moved to {DAY}.
Please ask {P} to call me back at {PH}.
{P} ({EM}) requested a refund for order {REF}.
We received a complaint from {P} regarding invoice {REF}.
Kind regards,\n{P}\n{J}, {C}
Best regards,\n{P}
Sincerely,\n{P}
Cheers,\n{P}
Thanks,\n{P}
From: {P} <{EM}>\nTo: {P2}\nSubject: {H}
Forwarded message from {P}: the {PR} order is confirmed.
{P} approved the budget of {M} for {DEPT}.
The patient, {P}, was admitted on {D}.
{P} is the emergency contact for {P2}.
Witness: {P}, residing at {A}
The tenant {P} shall pay the rent to the landlord {P2}.
This agreement is made between {C} and {P}, of {A}.
I, {P}, hereby confirm the information above is correct.
Name: {P}\nAddress: {A}\nPhone: {PH}
Customer: {P} | Order {REF} | {M}
Employee {P} joined {DEPT} on {D}.
Interview with {P} scheduled for {DAY}, {D}.
lol {P} forgot the keys again
hey its {P}, running late, be there in 10
can u send it to {A} instead?
{P} said the {PR} keeps crashing on startup.
The award goes to {P} for outstanding work in {DEPT}.
Congratulations to {P} and {P2} on their promotion!
We regret to inform you that {P} has left {C}.
{P}'s flight to {CITY} was cancelled.
Please update {P}'s address to {A}.
The new address is {A}, effective {D}.
Return the device to {A} within 14 days.
Mail the signed form to {P}, {A}.
The car was registered to {P} at {A}.
Police found the vehicle near {A}.
I was born in {CITY} and now live at {A}.
{P} is a {J} who has worked at {C} since {N}.
As {P} mentioned in the last meeting, the deadline is {D}.
Could {P} review the draft before {DAY}?
Attn: {P}, {DEPT}
c/o {P}, {A}
Reach {P} at {PH} or {EM}.
{P} will be out of office until {D}; please contact {P2} instead.
Visit us at {A} or call {PH}.
Head office: {A}
Our warehouse moved from {S} to {A}.
The accident happened on {S} near the school.
Turn left onto {S} and the office is on the right.
{P}, {J}
Signed: {P}
Prepared by {P}, reviewed by {P2}.
Author: {P}
Contact person: {P}
Account holder: {P}
Beneficiary: {P}, {A}
Pay to the order of {P}.
{P} wrote: "I will send the files tomorrow."
Thank you {P} for your quick reply.
Good morning {P}, I hope you are well.
Hello {P}, I am writing on behalf of {C}.
I'd like to introduce {P}, who will take over from {P2}.
{P} from {DEPT} will walk you through the {PR} setup.
Neighbours at {A} reported the noise.
Residents of {S} were asked to leave their homes.
I lost my wallet somewhere between {A} and the station.
The event takes place at {A} on {D}.
{P} was appointed {J} of {C} in {MON}.
Judge {P} dismissed the case.
Professor {P} will give the lecture.
Detective {P} interviewed the witness at {A}.
Officer {P} filed the report.
{P} and I will visit {CITY} in {MON}.
Do you know where {P} lives? I think it's {A}.
Send my regards to {P}.
The letter was addressed to {P} at {A}.
{P}, please sign and return.
{P} is the founder of {ORG}, based in {STATE}.
{ORG} hired {P} as {J}.
{P}: Did you get my message?\n{P2}: Yes, I will call you back.
Interview: {P} talks about {ORG} and life in {CTRY}.
""".strip().split("\n")

EN_NEGATIVE = r"""
The {H} for {C} is attached.
Please review the {H} before {DAY}.
{C} reported revenue of {M} in {MON}.
The {PR} update will be released on {D}.
Our {DEPT} team will process the request within five days.
The conference in {CITY} was attended by over {N} people.
Shipping to {CTRY} takes 3 to 5 business days.
{DEPT} approved the purchase of {N} units of {PR}.
Payment is due by {D}; late payments incur a fee of {M}.
The {H} of {C} was published in {MON}.
{C} opened a new office in {CITY}, {CTRY}.
Invoice {REF} totals {M} including VAT.
See section 4 of the {H} for details.
Our offices in {CITY} and {CITY2} will be closed on {DAY}.
The {PR} licence expires at the end of {MON}.
Thank you for choosing {C}.
For questions, contact {DEPT} at {EM}.
Prices are valid until {D} and subject to change.
{C} and {C2} signed a partnership agreement in {CITY}.
The shipment left {CITY} on {DAY} and will arrive in {CTRY} next week.
Please find the {H} attached.
All {PR} devices must be returned to {DEPT}.
The {H} was approved by the {DEPT} committee.
Order {REF} has been shipped.
New York Stock Exchange listed {C} in {MON}.
Welcome to {C}! Your {PR} account is ready.
Temperatures in {CITY} will reach 30 degrees on {DAY}.
The {H} applies to all employees of {C}.
Reference {REF}: {N} items, total {M}.
{ORG} was founded in {N} and is based in {CITY}, {CTRY}.
I read about {ORG} in {ORG2} last week.
The {ORG} report covers {CTRY}, {CTRY2} and {STATE}.
She studied at {ORG} before moving to {STATE}.
Flights from {CITY} to {CTRY} are cancelled because of the storm.
{ORG} and {ORG2} announced a merger worth {M}.
{HN}\n{H}
{HN}: {H}
See {HN} and {HN2} for the {H}.
{HN}\t{HN2}\t{HN3}
Header {N} | Header {N2}\nValue {N} | Value {N2}
{TITLE}\nThe {H} of {C} is summarised below.
{TITLE}\n{TITLE2}\nThis section describes the {H}.
Item {N}. {TITLE}
{TITLE} ({MON} {N})
Qty\tDescription\tPrice\n{N}\t{PR}\t{M}
""".strip().split("\n")

DE = r"""
Bitte senden Sie die Rechnung an {P}, {A}.
{P} ist ab {D} für Ihr Konto zuständig.
Ich habe gestern mit {P} von {C} gesprochen.
Sehr geehrte Frau {PL}, vielen Dank für Ihre Bestellung.
Sehr geehrter Herr {PL}, anbei erhalten Sie das Angebot.
Sehr geehrte Damen und Herren, {P} hat uns Ihre Anfrage weitergeleitet.
Hallo {P}, kannst du mir die Zahlen für {MON} schicken?
Mit freundlichen Grüßen\n{P}
Viele Grüße\n{P}
Beste Grüße, {P}
{P} wohnt in der {A}.
Unsere neue Adresse lautet {A}.
Die Lieferung geht an {P}, {A}.
Lieferadresse: {A}
Rechnungsanschrift: {P}\n{A}
Bitte schicken Sie das Paket an {A}.
{P} ist am {D} von {A} nach {CITY} umgezogen.
Der Vertrag wurde von {P} am {D} unterschrieben.
Ansprechpartner: {P}, {DEPT}
Kontoinhaber: {P}
z. Hd. {P}
{P} und {P2} nehmen an der Besprechung am {DAY} teil.
Laut {P} ist der Bericht bis {D} fertig.
Frau {PL} aus der {DEPT} meldet sich bei Ihnen.
Herr {PL} ist bis {D} nicht im Büro; bitte wenden Sie sich an {P2}.
Der Mieter {P} zahlt die Miete an den Vermieter {P2}.
Zwischen {C} und {P}, wohnhaft in {A}, wird folgender Vertrag geschlossen.
Ich, {P}, bestätige die Richtigkeit der Angaben.
Name: {P}\nAnschrift: {A}\nTelefon: {PH}
Die Wohnung in der {A} ist ab {MON} frei.
Unser Büro befindet sich in der {A}.
Das Fahrzeug ist auf {P}, {A} zugelassen.
Bitte rufen Sie {P} unter {PH} zurück.
{P} hat die Bestellung {REF} storniert.
Wir haben eine Beschwerde von {P} erhalten.
Glückwunsch an {P} zur Beförderung!
{P} wurde im {MON} zum {J} von {C} ernannt.
Die Veranstaltung findet am {D} in der {A} statt.
Treffpunkt ist die {S} Ecke {S2}.
Der Unfall ereignete sich in der {S}.
Herzlichen Dank, {P}, für die schnelle Antwort.
{P} schrieb: „Die Unterlagen kommen morgen."
Absender: {P}, {A}
Empfänger: {P}
Die Zeugin {P} wohnt in {A}.
Wir gratulieren {P} zum Geburtstag.
Von: {P} <{EM}>\nAn: {P2}\nBetreff: {H}
hey {P}, bin gleich da
""".strip().split("\n")

DE_NEGATIVE = r"""
Die {DEPT} bearbeitet Ihre Anfrage innerhalb von fünf Werktagen.
{C} hat im {MON} einen Umsatz von {M} erzielt.
Die Rechnung {REF} ist bis zum {D} zu begleichen.
Unser Standort in {CITY} ist am {DAY} geschlossen.
Bitte beachten Sie die Allgemeinen Geschäftsbedingungen von {C}.
Die Lieferung nach {CTRY} dauert drei bis fünf Werktage.
Vielen Dank für Ihren Einkauf bei {C}.
Das Angebot gilt bis zum {D}.
Die Europäische Union hat neue Regeln für {PR} beschlossen.
{C} und {C2} haben in {CITY} einen Vertrag unterzeichnet.
Bestellung {REF}: {N} Stück {PR}, Gesamtbetrag {M}.
Für Rückfragen steht Ihnen die {DEPT} unter {EM} zur Verfügung.
""".strip().split("\n")

TR = r"""
Faturayı {P} adına {A} adresine gönderiniz.
Sayın {P}, siparişiniz için teşekkür ederiz.
Merhaba {P}, {MON} rakamlarını gönderebilir misin?
{P} dün {C} firmasından aradı.
Sözleşme {D} tarihinde {P} tarafından imzalandı.
Saygılarımızla,\n{P}
İyi çalışmalar,\n{P}
Teşekkürler, {P}
{P} {A} adresinde oturuyor.
Yeni adresimiz: {A}
Teslimat adresi: {A}
Fatura adresi: {P}\n{A}
Kargoyu {A} adresine bırakabilirsiniz.
{P} geçen ay {A} adresine taşındı.
Ad Soyad: {P}\nAdres: {A}\nTelefon: {PH}
Yetkili: {P}, {DEPT}
Hesap sahibi: {P}
{P} ve {P2} {DAY} günkü toplantıya katılacak.
{P} raporun {D} tarihine kadar hazır olacağını söyledi.
{PF} Bey {D} tarihine kadar izinde; lütfen {P2} ile iletişime geçin.
{PF} Hanım muhasebe biriminden size dönüş yapacak.
Kiracı {P}, kira bedelini kiraya veren {P2} hesabına yatıracaktır.
{C} ile {A} adresinde ikamet eden {P} arasında işbu sözleşme imzalanmıştır.
Ben, {P}, yukarıdaki bilgilerin doğru olduğunu beyan ederim.
Ofisimiz {A} adresindedir.
Araç {P} adına kayıtlıdır.
Lütfen {P} ile {PH} numarasından iletişime geçiniz.
{P} {REF} numaralı siparişi iptal etti.
{P} tarafından bir şikayet aldık.
{P} {MON} ayında {C} genel müdürü olarak atandı.
Etkinlik {D} tarihinde {A} adresinde yapılacaktır.
Kaza {S} üzerinde meydana geldi.
Hızlı dönüşünüz için teşekkürler {P}.
Gönderen: {P}, {A}
Alıcı: {P}
Tanık {P}, {A} adresinde ikamet etmektedir.
Kimden: {P} <{EM}>\nKime: {P2}\nKonu: {H}
selam {P}, geliyorum birazdan
{P} ile görüştüm, ürün yarın kargoya verilecek.
Doğum günün kutlu olsun {P}!
""".strip().split("\n")

TR_NEGATIVE = r"""
{DEPT} talebinizi beş iş günü içinde yanıtlayacaktır.
{C} {MON} ayında {M} ciro elde etti.
{REF} numaralı fatura {D} tarihine kadar ödenmelidir.
{CITY} şubemiz {DAY} günü kapalıdır.
Siparişiniz {CITY} deposundan yola çıktı.
{C} ile {C2} {CITY} şehrinde ortaklık anlaşması imzaladı.
Sipariş {REF}: {N} adet {PR}, toplam {M}.
Sorularınız için {DEPT} birimine {EM} adresinden ulaşabilirsiniz.
Türkiye Cumhuriyeti Merkez Bankası faiz oranını açıkladı.
Kampanya {D} tarihine kadar geçerlidir.
""".strip().split("\n")

FRAMES = {"en": (EN, EN_NEGATIVE), "de": (DE, DE_NEGATIVE), "tr": (TR, TR_NEGATIVE)}
LANGUAGE_WEIGHTS = (("en", 0.55), ("de", 0.22), ("tr", 0.23))
NEGATIVE_SHARE = 0.2
_SLOT = re.compile(r"\{([A-Z]+[23]?)\}")




def _latin(value: str) -> bool:
    """Latin-script letters only (the model reads EN/TR/DE text)."""
    return bool(_LATIN.match(value)) and not _NON_LATIN.search(value)


class Writer:
    """Fills frames of one language with generated values, recording the labelled spans."""

    def __init__(self, rng: random.Random, seed: int) -> None:
        self.rng = rng
        self.seed = seed
        self._fakers: dict[str, Faker] = {}

    def fake(self, locale: str) -> Faker:
        """One seeded Faker per locale and writer (the same seed gives the same values)."""
        if locale not in self._fakers:
            fake = Faker(locale)
            fake.seed_instance(self.seed)
            self._fakers[locale] = fake
        return self._fakers[locale]

    # -- people ---------------------------------------------------------------------------
    def _first_last(self, lang: str) -> tuple[str, str]:
        for _ in range(20):
            fake = self.fake(self.rng.choice(NAME_LOCALES[lang]))
            first, last = fake.first_name(), fake.last_name()
            if _latin(first) and _latin(last):
                return first, last
        return "Anna", "Berg"

    def person(self, lang: str, form: str | None = None) -> tuple[str, str, str]:
        """(prefix, name, suffix): the title/suffix words are left outside the label."""
        first, last = self._first_last(lang)
        r = self.rng.random()
        titles = {"en": EN_TITLES, "de": DE_TITLES, "tr": TR_TITLES}[lang]
        if form == "last":
            return "", last, ""
        if form == "first":
            return "", first, ""
        if r < 0.38:
            return "", f"{first} {last}", ""
        if r < 0.48:
            second, _ = self._first_last(lang)
            return "", f"{first} {second} {last}", ""
        if r < 0.58:
            return "", first, ""
        if r < 0.68:
            return self.rng.choice(titles) + " ", last if self.rng.random() < 0.6 else f"{first} {last}", ""
        if r < 0.73:
            return "", f"{first[0]}. {last}", ""
        if r < 0.77:
            _, other = self._first_last(lang)
            return "", f"{first} {last}-{other}", ""
        if r < 0.80:
            return "", f"{first} {last}".upper(), ""
        if r < 0.83:
            return "", f"{last}, {first}", ""
        if r < 0.86:
            return "", f"{first} {self.rng.choice('ABCDEFGHJKLMNPRSTW')}. {last}", ""
        if r < 0.88:
            return "", f"{first} {last}".lower(), ""
        if lang == "tr" and r < 0.95:
            return "", first, " " + self.rng.choice(TR_SUFFIX_TITLES)
        return "", f"{first} {last}", ""

    # -- addresses ------------------------------------------------------------------------
    def _num(self) -> str:
        r = self.rng.random()
        if r < 0.4:
            return str(self.rng.randint(1, 99))
        if r < 0.75:
            return str(self.rng.randint(100, 9999))
        if r < 0.85:
            return str(self.rng.randint(10000, 99999))
        return f"{self.rng.randint(1, 200)}{self.rng.choice('ABCDab')}"

    def street(self, style: str, number: bool = True) -> str:
        rng = self.rng
        if style == "us":
            fake = self.fake(rng.choice(("en_US", "en_GB", "en_CA", "en_AU")))
            base = rng.choice((fake.last_name(), rng.choice(STREET_WORDS), fake.first_name(),
                               f"{rng.choice(STREET_WORDS)} {rng.choice(STREET_WORDS)}",
                               f"{rng.choice(('North', 'South', 'East', 'West', 'N.', 'S.', 'E.', 'W.'))} "
                               f"{rng.choice(STREET_WORDS)}", f"{rng.randint(1, 99)}th"))
            suffix = rng.choice(US_SUFFIXES) if rng.random() < 0.8 else ""
            name = f"{base} {suffix}".strip()
            if not number:
                return name
            out = f"{self._num()} {name}"
            if rng.random() < 0.2:
                out += (", " if rng.random() < 0.5 else " ") + rng.choice(UNITS).format(n=rng.randint(1, 999))
            return out
        if style == "de":
            fake = self.fake(rng.choice(("de_DE", "de_AT", "de_CH")))
            r = rng.random()
            if r < 0.5:
                name = fake.street_name()
            elif r < 0.8:
                name = rng.choice((fake.last_name(), rng.choice(STREET_WORDS), fake.first_name())) \
                    + rng.choice(DE_STREET_TYPES)
            else:
                name = rng.choice(("Am ", "An der ", "Im ", "Auf dem ", "Zum ")) + \
                    rng.choice(("Markt", "Bahnhof", "Hang", "Weiher", "Kirchberg", "Lindenhof", "Sonnenhang"))
            name = name[:1].upper() + name[1:]
            return f"{name} {rng.randint(1, 180)}{rng.choice(('', '', '', 'a', 'b'))}" if number else name
        if style == "tr":
            fake = self.fake("tr_TR")
            base = rng.choice((rng.choice(TR_STREET_NAMES), fake.last_name(), fake.first_name(),
                               f"{rng.randint(1, 3000)}."))
            street = f"{base} {rng.choice(TR_STREET_TYPES)}"
            if rng.random() < 0.5:
                street = f"{rng.choice(TR_STREET_NAMES)} {rng.choice(TR_MAH)} {street}"
            if not number:
                return street
            street += rng.choice((" No: ", " No:", " No.", " No ", " ", " Nr. ")) + str(rng.randint(1, 250))
            if rng.random() < 0.4:
                street += rng.choice((" D: ", " Daire ", " Kat: ", "/")) + str(rng.randint(1, 30))
            return street
        # other European styles, from Faker's own address providers
        fake = self.fake(rng.choice(("fr_FR", "it_IT", "es_ES", "nl_NL", "pl_PL", "sv_SE", "da_DK",
                                     "cs_CZ", "fi_FI", "no_NO", "pt_PT")))
        value = fake.street_address() if number else fake.street_name()
        return value if _latin(value) else "Hauptstraße 1"

    def locality(self, style: str) -> str:
        rng = self.rng
        if style == "us":
            fake = self.fake(rng.choice(("en_US", "en_US", "en_GB", "en_CA", "en_AU")))
            r = rng.random()
            city = fake.city()
            if r < 0.5:
                return f"{city}, {self.fake('en_US').state_abbr()} {self.fake('en_US').postcode()}"
            if r < 0.7:
                return f"{city}, {self.fake('en_US').state()}"
            if r < 0.85:
                return f"{city} {self.fake('en_GB').postcode()}"
            return city
        if style == "de":
            fake = self.fake(rng.choice(("de_DE", "de_AT", "de_CH")))
            return f"{fake.postcode()} {fake.city()}" if rng.random() < 0.8 else fake.city()
        if style == "tr":
            district, city = rng.choice(TR_DISTRICTS), rng.choice(TR_CITIES)
            return rng.choice((f"{district}/{city}", f"{district} / {city}", f"{rng.randint(1, 81):02d}"
                               f"{rng.randint(100, 999)} {district}, {city}", f"{district} {city}", city))
        fake = self.fake(rng.choice(("fr_FR", "it_IT", "es_ES", "nl_NL", "pl_PL", "sv_SE")))
        return f"{fake.postcode()} {fake.city()}"

    def address(self, lang: str) -> str:
        rng = self.rng
        style = {"en": rng.choice(("us", "us", "us", "us", "eu", "de", "tr")),
                 "de": rng.choice(("de", "de", "de", "eu", "tr", "us")),
                 "tr": rng.choice(("tr", "tr", "tr", "de", "us"))}[lang]
        r = rng.random()
        street = self.street(style)
        if r < 0.35:
            return street
        if r < 0.45 and style == "us":  # a bare house number and street name, no street word
            fake = self.fake("en_US")
            return f"{self._num()} {rng.choice((fake.last_name(), rng.choice(STREET_WORDS)))}"
        sep = rng.choice((", ", ", ", " ", "\n")) if style != "tr" else rng.choice((" ", ", ", "\n"))
        out = street + sep + self.locality(style)
        if rng.random() < 0.1:
            out += ", " + {"us": "USA", "de": "Deutschland", "tr": "Türkiye", "eu": "Europe"}.get(style, "")
        return out

    # -- other values (never labelled) ------------------------------------------------------
    def other(self, slot: str, lang: str) -> str:
        rng = self.rng
        loc = {"en": "en_US", "de": "de_DE", "tr": "tr_TR"}[lang]
        fake = self.fake(rng.choice((loc, "en_GB", "de_DE", "fr_FR")))
        if slot in ("C", "C2"):
            value = self.fake(rng.choice(("en_US", "en_GB", "de_DE", "tr_TR", "en_US"))).company()
            if not _latin(value):
                value = "Acme"
            if " " not in value or "-" in value.split()[-1]:
                # a bare surname ("Fournier") reads as a person: companies carry their form
                value += " " + rng.choice(("Ltd", "GmbH", "A.Ş.", "Inc.", "LLC", "AG", "Group",
                                           "& Co.", "Holding", "Ltd. Şti.", "Partners", "Corp."))
            return value
        if slot in ("CITY", "CITY2"):
            return rng.choice(WORLD_CITIES + (TR_CITIES if lang == "tr" else []))
        if slot in ("CTRY", "CTRY2"):
            value = self.fake("en_US").country() if rng.random() < 0.6 else fake.country()
            return value if _latin(value) else "Germany"
        if slot in ("ORG", "ORG2"):
            first = rng.choice(ORG_FIRST + [self.fake("en_US").last_name()])
            return f"{first} {rng.choice(ORG_LAST)}"
        if slot in ("HN", "HN2", "HN3"):
            word = rng.choice(("Heading", "Section", "Chapter", "Table", "Figure", "Step", "Phase",
                               "Part", "Appendix", "Column", "Col", "Row", "Item", "Level",
                               "Version", "Page", "Rule", "Article", "Schedule", "Exhibit", "Note"))
            return f"{word} {rng.randint(1, 40)}{rng.choice(('', '', 'A', 'B', '.1', '.2'))}"
        if slot in ("TITLE", "TITLE2"):
            words = ("Another Annual Related Financial Legal Market Risk Quantitative Qualitative "
                     "Interactive Data Selected Management Discussion Analysis Controls Procedures "
                     "Properties Proceedings Stockholder Matters Accountants Fees Services Executive "
                     "Compensation Security Ownership Certain Relationships Transactions Exhibits "
                     "Statements Overview Background Summary Introduction Conclusion Results Methods "
                     "Header Footer Heading Title Subtitle Chemical Mechanical Properties Composition "
                     "Eigenschaften Mechanische Zusammenfassung Einleitung Genel Bilgiler Sonuç").split()
            return " ".join(rng.choice(words) for _ in range(rng.randint(1, 4)))
        if slot == "STATE":
            return rng.choice(US_STATES)
        if slot == "D":
            d = fake.date_between(date(2021, 1, 1), date(2027, 12, 31))  # not today-relative
            months = {"en": EN_MONTHS, "de": DE_MONTHS, "tr": TR_MONTHS}[lang]
            return rng.choice((d.strftime("%d.%m.%Y"), d.strftime("%Y-%m-%d"), d.strftime("%m/%d/%Y"),
                               f"{d.day} {months[d.month - 1]} {d.year}",
                               f"{months[d.month - 1]} {d.day}, {d.year}"))
        if slot == "M":
            return rng.choice(("€", "$", "£", "", "TL ")) + f"{rng.randint(10, 99999):,}.{rng.randint(0, 99):02d}"
        if slot == "PR":
            return rng.choice(PRODUCTS)
        if slot == "J":
            value = self.fake("en_US").job()
            return value.split(",")[0]
        if slot == "DEPT":
            return rng.choice({"en": DEPARTMENTS, "de": DE_DEPARTMENTS, "tr": TR_DEPARTMENTS}[lang])
        if slot == "H":
            return rng.choice(HEADINGS)
        if slot == "DAY":
            return rng.choice({"en": EN_DAYS, "de": DE_DAYS, "tr": TR_DAYS}[lang])
        if slot == "MON":
            return rng.choice({"en": EN_MONTHS, "de": DE_MONTHS, "tr": TR_MONTHS}[lang])
        if slot in ("N", "N2"):
            return str(rng.randint(2, 2025))
        if slot == "PH":
            return fake.phone_number()
        if slot == "EM":
            return fake.email()
        if slot == "REF":
            return f"{rng.choice(('INV', 'PO', 'ORD', 'RE', 'SIP', 'NR'))}-{rng.randint(1000, 999999)}"
        raise KeyError(slot)

    def fill(self, frame: str, lang: str) -> tuple[str, list[Span]]:
        text, spans, pos = [], [], 0
        length = 0
        for match in _SLOT.finditer(frame):
            text.append(frame[pos:match.start()])
            length += match.start() - pos
            slot = match.group(1)
            label = None
            if slot in ("P", "P2", "PL", "PL2", "PL3", "PF"):
                form = {"PL": "last", "PL2": "last", "PL3": "last", "PF": "first"}.get(slot)
                prefix, value, suffix = self.person(lang, form)
                if prefix and not (match.start() == 0 or frame[match.start() - 1] in " \n"):
                    prefix = ""
                text.append(prefix)
                length += len(prefix)
                label = "PERSON"
            elif slot in ("A", "S", "S2"):
                value = self.address(lang) if slot == "A" else self.street(
                    {"en": "us", "de": "de", "tr": "tr"}[lang], number=False)
                suffix = ""
                label = "ADDRESS"
            else:
                value, suffix = self.other(slot, lang), ""
            if label:
                value = value.strip()  # Faker's es_ES addresses end in a space
                spans.append((length, length + len(value), label))
            text.append(value + suffix)
            length += len(value) + len(suffix)
            pos = match.end()
        text.append(frame[pos:])
        return "".join(text), spans


def examples(seed: int = 0, count: int = 1000) -> Iterator[tuple[str, list[Span]]]:
    """``count`` labelled examples; a few are short documents of several frames."""
    rng = random.Random(seed)
    writer = Writer(rng, seed)
    langs, weights = zip(*LANGUAGE_WEIGHTS)
    for _ in range(count):
        lang = rng.choices(langs, weights)[0]
        parts = 1 if rng.random() < 0.75 else rng.randint(2, 4)
        text, spans = "", []
        for i in range(parts):
            positive, negative = FRAMES[lang]
            frame = rng.choice(negative if rng.random() < NEGATIVE_SHARE else positive)
            frame = frame.replace("\\n", "\n")
            piece, piece_spans = writer.fill(frame, lang)
            if text:
                text += rng.choice((" ", "\n", "\n\n"))
            spans.extend((a + len(text), b + len(text), label) for a, b, label in piece_spans)
            text += piece
        yield text, spans


def name_parts(seed: int = 0) -> frozenset[str]:
    """Every first and last name Faker can give for the locales the generator draws from."""
    out: set[str] = set()
    for locale in {loc for locs in NAME_LOCALES.values() for loc in locs}:
        fake = Faker(locale)
        for provider in fake.providers:
            for attr in ("first_names", "first_names_male", "first_names_female", "last_names",
                         "first_names_nonbinary"):
                values = getattr(provider, attr, None)
                if values:
                    out.update(values.keys() if isinstance(values, dict) else values)
    return frozenset(out)


if __name__ == "__main__":
    for text, spans in examples(seed=1, count=12):
        print(repr(text), [(text[a:b], label) for a, b, label in spans])
