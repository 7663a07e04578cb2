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
# Names from the rest of the world, as EN/DE/TR documents write them: Faker's romanized
# Japanese and Chinese names, Cyrillic and Greek names transliterated, latin-script locales
# of Africa, Asia and the Baltics. A share WORLD_SHARE of the names comes from here.
WORLD_LOCALES = ("ja_JP", "zh_CN", "zh_TW", "ru_RU", "uk_UA", "bg_BG", "el_GR", "vi_VN",
                 "yo_NG", "zu_ZA", "tw_GH", "az_AZ", "lv_LV", "lt_LT", "et_EE", "en_PK",
                 "en_NG", "ig_NG", "en_KE", "uz_UZ", "en_IN", "id_ID", "fil_PH", "ka_GE",
                 "hy_AM", "ko_KR")
WORLD_SHARE = 0.25
# Share of name parts replaced by a made-up word (identity dropout, see Writer.made_up).
IDENTITY_DROPOUT = 0.3
_ONSETS = ("", "", "b", "br", "d", "dr", "f", "g", "gr", "h", "j", "k", "kh", "kr", "l", "m",
           "n", "p", "r", "s", "sh", "st", "t", "th", "tr", "v", "w", "y", "z", "ch", "ts", "l",
           "m", "n", "r", "s", "t", "k", "d", "b")
_NUCLEI = ("a", "e", "i", "o", "u", "a", "e", "i", "o", "a", "ai", "ei", "ia", "ie", "y", "ou")
_CODAS = ("", "", "", "", "n", "r", "l", "s", "m", "k", "t", "nd", "rt", "ng", "sh", "z", "ll")
# Letters of other alphabets a made-up name may take one of ("Kalıne", "Dörman", "Šeda").
_ACCENTED = {"a": "äáâă", "e": "éèë", "i": "ıíî", "o": "öóø", "u": "üúů", "s": "şšś",
             "c": "çč", "g": "ğ", "z": "žż", "n": "ñń", "l": "ł", "r": "ř"}
_SURNAME_ENDINGS = ("son", "sen", "ov", "ova", "ski", "ska", "oğlu", "er", "mann", "berg",
                    "stein", "ez", "es", "ić", "ian", "yan", "escu", "ini", "elli", "wala",
                    "ani", "ana", "o", "i", "y", "ey", "ley", "ton", "ford", "ak", "an")
_CYRILLIC = dict(zip("абвгдеёжзийклмнопрстуфхцчшщъыьэюяієїґ",
                     "a b v g d e yo zh z i y k l m n o p r s t u f kh ts ch sh shch  y  e yu ya i ye yi g"
                     .split(" ")))
_GREEK = dict(zip("αβγδεζηθικλμνξοπρσςτυφχψωάέήίόύώϊϋΐΰ",
                  "a v g d e z i th i k l m n x o p r s s t y f ch ps o a e i i o y o i y i y"
                  .split(" ")))


def _transliterate(value: str) -> str:
    """Cyrillic and Greek letters in latin script (a simple passport-style table)."""
    out = []
    for char in value:
        low = char.lower()
        table = _CYRILLIC if low in _CYRILLIC else _GREEK if low in _GREEK else None
        if table is None:
            out.append(char)
            continue
        latin = table[low]
        out.append(latin[:1].upper() + latin[1:] if char != low and latin else latin)
    return "".join(out)


def _faker_name(fake: Faker, locale: str) -> tuple[str, str]:
    """(first, last) from one Faker locale, in latin script where the locale has a way."""
    if hasattr(fake, "first_romanized_name"):
        first, last = fake.first_romanized_name(), fake.last_romanized_name()
        return first.title() if first.isupper() else first, last.title() if last.isupper() else last
    first, last = fake.first_name(), fake.last_name()
    if locale.split("_")[0] in ("ru", "uk", "bg", "el"):
        return _transliterate(first), _transliterate(last)
    return first, last

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
_TOPICS = ("Public Affairs Energy Health Education Housing Transportation Environmental Quality "
           "Research Development Innovation Agriculture Justice Finance Labor Commerce Science "
           "Technology Public Safety Community Economic Workforce Systems Engineering Water "
           "Resources Marine Biology Computer Science Civil Rights Veterans Services Children "
           "Family Planning Statistics Information Management Policy Studies Medicine").split()
_DE_ADJECTIVES = ("Technischer Technische Allgemeine Öffentliche Betriebliche Kaufmännische "
                  "Digitale Soziale Rechtliche Medizinische Internationale Regionale Zentrale "
                  "Strategischer Operativer Finanzielle").split()
_DE_NOUNS = ("Umweltschutz Verwaltung Planung Entwicklung Sicherheit Beratung Steuerung "
             "Dienste Angelegenheiten Versorgung Kommunikation Forschung Ausbildung Leitung "
             "Controlling Einkauf Vertrieb").split()
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


# Second round (2026-12-04): more ways a name or an address sits in text - narrative,
# reported speech, lists, chat logs, forms, signatures, e-mail headers, minutes - and more
# capitalised words that are NOT names (programmes, offices, affiliations, legal citations,
# job titles, places). Written for this project; not drawn from any benchmark.
EN_MORE = r"""
{P} called this morning and asked about the refund.
Yesterday {P} sent me the signed copy.
When {P} arrived, the meeting had already started.
{P} told us that the shipment left on {DAY}.
"We will deliver on time," said {P}.
"I don't agree," {P} replied.
{P} says the printer on the second floor is broken again.
My colleague {P} will send you the documents.
My manager, {P}, approved the request.
My wife {PF} and I are moving to {A} next month.
My husband {P} is the account holder.
My son {PF} needs a new passport.
Our daughter {PF} was born on {D}.
His name is {P} and he works for {C}.
Her name is {P}.
The applicant, {P}, was born on {D}.
The deceased, {P}, lived at {A}.
{P}, a {J} from {CITY}, was interviewed by {P2}.
{P}, {N}, was arrested near {A}.
{P} (born {D}) joined the company in {N}.
Please forward this e-mail to {P} and {P2}.
cc: {P}, {P2}
Attendees: {P}, {P2}, {P3}
Present: {P}; {P2}; {P3}
Apologies: {P}
Chair: {P}\nMinutes: {P2}
Action: {P} to send the figures by {DAY}.
- {P} ({DEPT})\n- {P2} ({DEPT})
1. {P}\n2. {P2}\n3. {P3}
[{N}:{N2}] {P}: can you send me the file?
{PF}: ok, thanks!\n{PF2}: no problem
<{P}> see you tomorrow
@{PF} please review
Full name: {P}
Name of account holder: {P}
Patient name: {P}
Employee name: {P}
First name: {PF}\nLast name: {PL}
Surname: {PL}\nGiven names: {PF}
Name | {P}\nAddress | {A}
NAME: {P}
Contact: {P}, {PH}
Emergency contact: {P} ({PH})
Next of kin: {P}, {A}
Recipient: {P}\n{A}
Sender: {P}, {A}
Warm regards,\n\n{P}
Yours faithfully,\n{P}\n{J}
Yours sincerely,\n{P}
Best,\n{PF}
Regards, {P}
Thank you,\n{P}\n{C}\n{A}
--\n{P}\n{J} | {C}\n{PH}
Sent from my iPhone\n\n> On {D}, {P} wrote:
On {D}, {P} <{EM}> wrote:
From: {P}\nSent: {D}\nTo: {P2}; {P3}\nSubject: {H}
Reply to {P}'s comment: I agree.
I met {P} at the conference in {CITY}.
I have known {P} for ten years.
I am writing to recommend {P} for the position of {J}.
This is to certify that {P} has worked at {C} since {N}.
We are pleased to offer {P} the position of {J}.
Dear Mr. {PL} and Mrs. {PL2},
Dear Dr. {PL},
Dear {PF},
Hi {PF} and {PF2},
Hey {PF}!
Hello {P},\n\nthank you for your message.
Thanks again, {PF}.
Good evening, {P}.
Welcome aboard, {P}!
Happy birthday {PF}!
Ask {PF} about it.
{PF} is on holiday until {D}.
{PF}'s phone number is {PH}.
Talk to {PF} in {DEPT}.
Did {PF} call you back?
I think {PF} has the keys.
{P} and {P2} are the owners of the house at {A}.
The house at {A} belongs to {P}.
{P} rented the flat at {A} from {P2}.
The plaintiff, {P}, resides at {A}.
The defendant {P} was represented by {P2}.
Witnesses {P} and {P2} confirmed the statement.
Case officer: {P}
Doctor: {P}\nPatient: {P2}
Dr. {PL} examined the patient on {D}.
The report was written by {P} and reviewed by {P2}.
Photo by {P}.
Written by {P} | {D}
By {P}, {J}
{P} is the CEO of {C}.
{C} appointed {P} as its new {J}.
{P} has been promoted to {J}.
{P} resigned from the board of {C}.
Ms {PL} will contact you shortly.
I'll ask {PL} to check it.
Please contact {P} at {EM}.
Contact {P} on {PH} for further information.
{P} | {J} | {PH}
{P}\n{A}\n{PH}
{P}\n{A}
To:\n{P}\n{A}
Please send all correspondence to {A}.
Mailing address: {A}
Correspondence address: {A}
Registered address: {A}
Home address: {A}
Current address: {A}\nPrevious address: {A2}
Address: {A}
ADDRESS: {A}
Location: {A}
Pick-up at {A}, drop-off at {A2}.
The parcel will be delivered to {A} on {DAY}.
Your order will be shipped to: {A}
We have moved! Our new address is {A}.
Please note our new address: {A}.
The meeting will be held at {A}.
The apartment at {A} has two bedrooms.
I live at {A}.
I live on {S}.
We live near {S} and {S2}.
He lives at {A} with his parents.
She was last seen near {A}.
The fire started in a house on {S}.
The shop is on the corner of {S} and {S2}.
Take the second right onto {S}.
Is {A} the right address for the delivery?
Send the cheque to {A}, marked for the attention of {P}.
You can return the item to {A}.
Visit our showroom at {A}.
They bought a house at {A}.
{P} lives at {A}, {CITY}.
i live at {A}
my address is {A}
""".strip().split("\n")

EN_NEGATIVE_MORE = r"""
The {PROG} is funded by the {ORGU}.
Applications to the {PROG} close on {D}.
The {OFFICE} published its annual report.
Contact the {OFFICE} for more information.
{N} {ORGU}, {CITY}, {CTRY}
{N}{ORGU}, {CITY}
Pursuant to {N} U.S.C. {N2}, the agency shall report annually.
See {N} CFR {N2}.{N} for the definitions.
Executive Order No. {N} was signed on {D}.
Order No. {N} of {D} applies.
Section {N}(a) of the {H} is amended.
Article {N} of Regulation (EU) {N2}/{N} applies.
§ {N} Abs. {N2} gilt entsprechend.
The {J} reports to the {J2}.
{J}: responsible for {DEPT}.
The Chief Executive Officer and the Chief Financial Officer signed the statement.
Our {J} will visit the site on {DAY}.
Job title: {J}
Position: {J}\nDepartment: {DEPT}
The {PR} is available in {CTRY}.
{PR} Pro and {PR} Max ship in {MON}.
We flew from {CITY} to {CITY2} via {CITY3}.
The {CITY} Airport is closed.
{CITY} City Council approved the plan.
The {STATE} Department of Revenue sent a notice.
The University of {CITY} and the {ORGU} signed an agreement.
{TOPIC}
{TOPIC} and {TOPIC2}
{TOPIC} {HEADWORD}
{PROG} Guidelines
{OFFICE}
{TOPIC} Committee meeting on {DAY}.
{TITLE}\n{TITLE2}
{TITLE}: {TITLE2}
{HN}. {TITLE}
{N}. {TITLE}
{BUTTON}
Terms of Use | Privacy | Contact Us
Home | About Us | Products | Services
{C} Annual Report {N}
{LN} & Sons Ltd
{LN} Consulting Group
{LN} Hardware Store
the {LN} Foundation
Total Amount Due {M}
Grand Total {M}
Subtotal {M}\nTax {M}\nTotal {M}
Room {N}, Floor {N2}
Gate {N}
Flight {REF} departs at {N}:{N2}.
Version {N}.{N2} Release Notes
Page {N} of {N2}
Figure {N}: {TITLE}
Table {N}. {TITLE}
{MON} {N}, {N2}
Monday, {MON} {N}
Christmas Day and New Year's Day are holidays.
Mother's Day
The Supreme Court ruled on {D}.
The European Commission and the Council agreed.
The Federal Ministry of Finance issued a statement.
Ministry of Health
Department of Justice
Internal Revenue Service
National Health Service
World Health Organization
Dear Customer,
Dear Sir or Madam,
Dear Valued Member,
Hello Team,
Hi all,
To whom it may concern,
Best Regards,\nThe {C} Team
Kind regards,\n{DEPT}
Sincerely,\nCustomer Service
""".strip().split("\n")

DE_MORE = r"""
{P} hat heute Morgen angerufen.
Gestern hat mir {P} die Unterlagen geschickt.
„Wir liefern pünktlich", sagte {P}.
Mein Kollege {P} schickt Ihnen die Unterlagen.
Meine Frau {PF} und ich ziehen in die {A}.
Der Antragsteller {P} ist am {D} geboren.
{P}, {J} aus {CITY}, wurde von {P2} befragt.
Teilnehmer: {P}, {P2}, {P3}
Protokoll: {P}
Vorname: {PF}\nNachname: {PL}
Name, Vorname: {PL}, {PF}
Herzliche Grüße\n{PF}
Freundliche Grüße\n\n{P}\n{J}
Liebe {PF}, lieber {PF2},
Hallo {PF}!
Danke dir, {PF}.
Am {D} schrieb {P} <{EM}>:
Von: {P}\nGesendet: {D}\nAn: {P2}\nBetreff: {H}
Ich kenne {P} seit zehn Jahren.
Hiermit bestätigen wir, dass {P} seit {N} bei {C} beschäftigt ist.
Frau Dr. {PL} hat den Patienten am {D} untersucht.
Der Beklagte {P} wohnt in der {A}.
Die Wohnung in der {A} gehört {P}.
Wohnhaft: {A}
Anschrift: {A}
Postanschrift: {A}
Neue Anschrift: {A}
Wir sind umgezogen! Unsere neue Adresse: {A}
Die Sendung wird an {A} geliefert.
Ich wohne in der {A}.
Sie wohnt in der {S} in {CITY}.
Das Geschäft liegt an der Ecke {S} / {S2}.
{P}\n{A}
An\n{P}\n{A}
""".strip().split("\n")

DE_NEGATIVE_MORE = r"""
{DETOPIC}
{DETOPIC} und {DETOPIC2}
Abteilung {DETOPIC}
Bundesministerium der Finanzen
Amtsgericht {CITY}
Der {J} berichtet an die Geschäftsführung.
Sehr geehrte Damen und Herren,
Mit freundlichen Grüßen\nIhr {C} Team
Gemäß § {N} Abs. {N2} BGB gilt Folgendes.
Seite {N} von {N2}
Abbildung {N}: {TITLE}
Allgemeine Geschäftsbedingungen
Die {C} Gruppe hat ihren Sitz in {CITY}.
Gesamtbetrag {M}
Tag der Deutschen Einheit
""".strip().split("\n")

TR_MORE = r"""
{P} bu sabah aradı ve iadeyi sordu.
Dün {P} imzalı kopyayı gönderdi.
"Zamanında teslim edeceğiz," dedi {P}.
Meslektaşım {P} belgeleri size gönderecek.
Eşim {PF} ve ben gelecek ay {A} adresine taşınıyoruz.
Başvuru sahibi {P} {D} tarihinde doğmuştur.
Katılımcılar: {P}, {P2}, {P3}
Adı: {PF}\nSoyadı: {PL}
Adı Soyadı: {P}
Ad: {PF} Soyad: {PL}
Saygılarımla,\n{P}\n{J}
Sevgili {PF},
Merhaba {PF}!
Teşekkürler {PF}.
{D} tarihinde {P} şunu yazdı:
{P} ile on yıldır tanışıyorum.
{P} {N} yılından beri {C} bünyesinde çalışmaktadır.
Dr. {PL} hastayı {D} tarihinde muayene etti.
Davalı {P}, {A} adresinde ikamet etmektedir.
{A} adresindeki daire {P} adına kayıtlıdır.
İkametgah adresi: {A}
Adresim: {A}
Yeni adresimiz: {A}
Gönderi {A} adresine teslim edilecek.
{S} üzerindeki dükkan kapandı.
{P}\n{A}
""".strip().split("\n")

TR_NEGATIVE_MORE = r"""
Türkiye Cumhuriyeti Cumhurbaşkanlığı
Gelir İdaresi Başkanlığı
Sayın Yetkili,
Sayın Müşterimiz,
Saygılarımızla,\n{C}
{N} sayılı Kanunun {N2}. maddesi uyarınca
Madde {N} - {TITLE}
Sayfa {N} / {N2}
Genel Müdürlük {CITY} şubesi
Toplam Tutar {M}
""".strip().split("\n")


# Capitalised words that are no names, inside sentences: title-case terms of forms and
# manuals, German nouns (capitalised by grammar), made-up product and system names, language
# and nationality words, lists of terms ("Wages, Tips").
EN_NOUNS = ("Account Activity Adjustment Agent Agreement Allowance Amendment Amount Analysis "
            "Applicant Application Approval Assessment Asset Audit Authority Balance Benefit "
            "Bond Branch Budget Business Calendar Capital Certificate Charge Checkbox Claim "
            "Clause Client Code Collection Commission Compliance Condition Contract Control "
            "Credit Customer Data Database Deadline Debt Decedent Deduction Default Definition "
            "Delivery Deposit Description Design Disclosure Dividend Document Election "
            "Eligibility Employer Employment Entity Equity Estate Exemption Expense Extension "
            "Facility Filing Form Frequency Fund Funding Grant Guidance Handbook Holder Income "
            "Indicator Installment Insurance Interest Inventory Investment Invoice Issue Layoff "
            "Lease Ledger Liability Libraries License Limit Liquidity Loan Loss Maintenance "
            "Manual Master Member Minimum Module Notice Obligation Offset Operation Option "
            "Order Owner Paragraph Partner Payment Payroll Penalty Pension Period Plan Policy "
            "Portfolio Premium Procedure Process Program Property Provision Purchase "
            "Questionnaire Quota Rate Receipt Record Refund Register Regulation Release Rent "
            "Report Requirement Reserve Retention Return Revenue Review Risk Salary Schedule "
            "Screen Security Service Settlement Share Shortfall Signature Source Spouse "
            "Standard Statement Status Subsidy Summary Supplier Tape Tax Tenant Term Tips "
            "Total Trace Transaction Transfer Trust Trustee Unit Update Value Vendor Volume "
            "Wages Warranty Withholding Workflow Bribery Legislature Galaxy Fortress Capital "
            "Scientific Aircraft Alcohol Cents Daily Review Masterfile Acronyms Exhibit").split()
EN_ADJECTIVES = ("Annual Backup Clean Correct Current Deferred Electronic Endangered Federal "
                 "Final Foreign Gross Initial Joint Long-term Magnetic Manual Miscellaneous "
                 "Monthly Net Non-qualified Prior Qualified Quarterly Renewable Scientific "
                 "Special Total Unearned Weighted-average Gentle Daily Standard Upper Lower "
                 "Regional National Digital Global Strategic Operational Financial Legal").split()
DE_NOUNS = ("Antrag Arbeitgeber Aufgabe Auftrag Ausgabe Bank Bedingung Beitrag Bericht Bescheid "
            "Betrag Betrieb Bewerbung Bilanz Buchung Datum Dienstleistung Dokument Einkommen "
            "Einnahme Entwicklung Ergebnis Erklärung Firma Forderung Frist Gebühr Gehalt "
            "Genehmigung Geschäft Gesellschaft Gewinn Haftung Handel Jahr Konto Kosten Kunde "
            "Lager Leistung Lieferung Miete Mitglied Nachweis Pflicht Preis Prüfung Rechnung "
            "Recht Regel Rente Richtlinie Sicherheit Steuer Summe Termin Umsatz Unterlagen "
            "Unternehmen Vertrag Verwaltung Vorstand Wohnung Zahlung Zeitraum Ziel Zins "
            "Vernunft Gewissen Würde Freiheit Gleichheit Menschen Familie Arbeit").split()
TR_NOUNS = ("Başvuru Belge Bilanço Borç Bütçe Ceza Dilekçe Fatura Gelir Gider Hesap İade İzin "
            "Kira Maaş Makbuz Müdürlük Ödeme Rapor Sözleşme Talep Tutar Vergi Yönetmelik "
            "Kurul Karar Madde Fıkra Bent Ek Tablo Liste Şube Kurum Daire Başkanlık").split()
LANGUAGE_WORDS = ("English German Turkish French Spanish Italian Dutch Polish Arabic Chinese "
                  "Japanese Korean Russian Greek Gaelic Scottish Welsh Irish Tatar Azerbaijani "
                  "Kurdish Persian Hindi Urdu Bengali Swahili Yoruba Zulu Pidgin Sorbian Basque "
                  "Catalan Galician Romansh Frisian Sami Maltese Albanian Croatian Serbian").split()

EN_NEGATIVE_NOUNS = r"""
The {NOUNS} must be filed before the {NOUNS2} is due.
Enter the {NOUNS} in box 4 and the {NOUNS2} in box 5.
Each {NOUNS} has a {NOUNS2} and a {NOUNS3}.
See the {NOUNS} section for the {NOUNS2}.
If the {NOUNS} is blank, the {NOUNS2} is not significant.
{NOUNS} and {NOUNS2} are shown on the next page.
{NOUNS}, {NOUNS2}
{NOUNS}, {NOUNS2}, {NOUNS3}
{NOUNS}: {NOUNS2}
{NOUNS} ({NOUNS2})
Select {NOUNS} to view the {NOUNS2}.
We migrated the {NOUNS} to {MADE} last year.
The {MADE} platform replaced {MADE2} in {MON}.
{MADE} is available for download.
Install {MADE} version {N}.
{MADE} and {MADE2} are registered trademarks of {C}.
The study used {MADE} and {MADE2} tablets.
This document is available in {LANG}, {LANG2} and {LANG3}.
{LANG}, {LANG2}
Translated from {LANG} into {LANG2}.
{LANG} speakers live in {CTRY} and {CTRY2}.
{CITY}, {STATE}
{CITY}, {CTRY}
The team from {CITY} won against {CITY2}.
""".strip().split("\n")

DE_NEGATIVE_NOUNS = r"""
Die {DENOUN} wird nach der {DENOUN2} fällig.
Bitte tragen Sie den {DENOUN} und die {DENOUN2} ein.
Der {DENOUN} enthält die {DENOUN2} und den {DENOUN3}.
Laut {DENOUN} ist die {DENOUN2} bis zum {D} einzureichen.
{DENOUN}, {DENOUN2}, {DENOUN3}
{DENOUN}: {DENOUN2}
Alle Menschen sind frei und gleich an {DENOUN} und {DENOUN2} geboren.
Wir nutzen {MADE} für die {DENOUN}.
""".strip().split("\n")

TR_NEGATIVE_NOUNS = r"""
{TRNOUN} ve {TRNOUN2} {D} tarihine kadar teslim edilmelidir.
{TRNOUN} tutarı {TRNOUN2} ile birlikte ödenir.
{TRNOUN}, {TRNOUN2}, {TRNOUN3}
{TRNOUN}: {TRNOUN2}
{MADE} sistemine geçtik.
""".strip().split("\n")

FRAMES = {"en": (EN + EN_MORE, EN_NEGATIVE + EN_NEGATIVE_MORE + EN_NEGATIVE_NOUNS),
          "de": (DE + DE_MORE, DE_NEGATIVE + DE_NEGATIVE_MORE + DE_NEGATIVE_NOUNS),
          "tr": (TR + TR_MORE, TR_NEGATIVE + TR_NEGATIVE_MORE + TR_NEGATIVE_NOUNS)}
LANGUAGE_WEIGHTS = (("en", 0.55), ("de", 0.22), ("tr", 0.23))
NEGATIVE_SHARE = 0.3
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
    def _real_first_last(self, lang: str) -> tuple[str, str]:
        """A first and last name from Faker: the document language's locales mostly, any
        locale of WORLD_LOCALES (romanized or transliterated) sometimes."""
        for _ in range(20):
            if self.rng.random() < WORLD_SHARE:
                locale = self.rng.choice(WORLD_LOCALES)
            else:
                locale = self.rng.choice(NAME_LOCALES[lang])
            first, last = _faker_name(self.fake(locale), locale)
            if _latin(first) and _latin(last):
                return first, last
        return "Anna", "Berg"

    def _first_last(self, lang: str) -> tuple[str, str]:
        """Identity dropout: with IDENTITY_DROPOUT a name part is a made-up word (never in
        any list), so the model must read the context, the shape and the affixes, not
        remember the name."""
        first, last = self._real_first_last(lang)
        if self.rng.random() < IDENTITY_DROPOUT:
            first = self.made_up()
        if self.rng.random() < IDENTITY_DROPOUT:
            last = self.made_up(surname=True)
        return first, last

    def made_up(self, surname: bool = False) -> str:
        """A pronounceable word of 1-4 syllables that no name list holds (or a real name
        with its ending or a letter changed), capitalised like a name."""
        rng = self.rng
        if rng.random() < 0.35:
            base, _ = self._real_first_last(rng.choice(("en", "de", "tr")))
            if surname:
                base = _
            base = base.split()[0].split("-")[0]
            if len(base) > 3:
                cut = rng.randint(2, len(base) - 1)
                base = base[:cut] + rng.choice(_NUCLEI) + rng.choice(_CODAS)
            word = base
        else:
            word = "".join(rng.choice(_ONSETS) + rng.choice(_NUCLEI) + rng.choice(_CODAS)
                           for _ in range(rng.choice((1, 2, 2, 2, 3, 3))))
            if surname and rng.random() < 0.3:
                word += rng.choice(_SURNAME_ENDINGS)
            if rng.random() < 0.25:
                spots = [i for i, c in enumerate(word) if c in _ACCENTED and i > 0]
                if spots:
                    i = rng.choice(spots)
                    word = word[:i] + rng.choice(_ACCENTED[word[i]]) + word[i + 1:]
        word = word.lower()
        if len(word) < 3:
            word += rng.choice(("an", "el", "o", "ia", "er"))
        return word[:1].upper() + word[1:]

    def person(self, lang: str, form: str | None = None) -> tuple[str, str, str]:
        """(prefix, name, suffix): the title/suffix words are left outside the label."""
        rng = self.rng
        first, last = self._first_last(lang)
        r = rng.random()
        titles = {"en": EN_TITLES, "de": DE_TITLES, "tr": TR_TITLES}[lang]
        if form == "last":
            return "", last, ""
        if form == "first":
            return "", first, ""
        if r < 0.30:
            return "", f"{first} {last}", ""
        if r < 0.37:
            second, _ = self._first_last(lang)
            return "", f"{first} {second} {last}", ""
        if r < 0.46:
            return "", first, ""
        if r < 0.55:
            return rng.choice(titles) + " ", last if rng.random() < 0.6 else f"{first} {last}", ""
        if r < 0.59:
            return "", f"{first[0]}. {last}", ""
        if r < 0.61:
            second, _ = self._first_last(lang)
            sep = rng.choice((". ", "."))
            return "", f"{first[0]}{sep}{second[0]}. {last}", ""
        if r < 0.64:
            _, other = self._first_last(lang)
            return "", f"{first} {last}-{other}", ""
        if r < 0.66:
            second, _ = self._first_last(lang)
            return "", f"{first}-{second} {last}", ""
        if r < 0.69:
            return "", f"{first} {last}".upper(), ""
        if r < 0.71:
            return "", f"{last.upper()}, {first}" if rng.random() < 0.5 else f"{last.upper()} {first}", ""
        if r < 0.74:
            return "", f"{last}, {first}", ""
        if r < 0.77:
            return "", f"{first} {rng.choice('ABCDEFGHJKLMNPRSTW')}. {last}", ""
        if r < 0.80:
            value = f"{first} {last}" if rng.random() < 0.7 else first
            return "", value.lower(), ""
        if r < 0.84:
            particle = rng.choice(("van", "van der", "von", "de", "de la", "del", "di", "da",
                                   "dos", "ter", "El", "Al", "bin", "ibn", "Mc", "O'", "Mac"))
            if particle in ("Mc", "O'", "Mac"):
                return "", f"{first} {particle}{last}", ""
            return "", f"{first} {particle} {last}", ""
        if r < 0.86:
            return "", f"{first} {last} {rng.choice(('Jr.', 'Sr.', 'II', 'III', 'Jr'))}", ""
        if r < 0.88:
            return "", last, ""
        if lang == "tr" and r < 0.95:
            return "", first if rng.random() < 0.7 else f"{first} {last}", " " + rng.choice(TR_SUFFIX_TITLES)
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
        style = {"en": rng.choice(("us", "us", "us", "uk", "eu", "de", "tr")),
                 "de": rng.choice(("de", "de", "de", "eu", "tr", "us")),
                 "tr": rng.choice(("tr", "tr", "tr", "de", "us"))}[lang]
        r = rng.random()
        if r < 0.06:
            return self.po_box(style)
        if style == "uk":
            return self.uk_address()
        street = self.street(style)
        if r < 0.33:
            out = street
        elif r < 0.43 and style == "us":  # a bare house number and street name, no street word
            fake = self.fake("en_US")
            out = f"{self._num()} {rng.choice((fake.last_name(), rng.choice(STREET_WORDS)))}"
            if rng.random() < 0.5:
                out += ", " + self.locality(style)
        else:
            sep = rng.choice((", ", ", ", " ", "\n")) if style != "tr" else rng.choice((" ", ", ", "\n"))
            out = street + sep + self.locality(style)
            if rng.random() < 0.1:
                out += ", " + {"us": "USA", "de": "Deutschland", "tr": "Türkiye", "eu": "Europe"}.get(style, "")
        if rng.random() < 0.03:
            out = out.upper()
        elif rng.random() < 0.03:
            out = out.lower()
        return out

    def po_box(self, style: str) -> str:
        """A post-office box with its town: P.O. Box, Postfach, Posta Kutusu."""
        rng = self.rng
        if style == "de":
            fake = self.fake("de_DE")
            return f"Postfach {rng.randint(10, 99)} {rng.randint(10, 99)} {rng.randint(10, 99)}, {fake.postcode()} {fake.city()}"
        if style == "tr":
            return f"P.K. {rng.randint(1, 999)} {rng.choice(TR_DISTRICTS)}/{rng.choice(TR_CITIES)}"
        box = f"{rng.choice(('P.O. Box', 'PO Box', 'P O Box', 'Post Office Box', 'POB'))} {rng.randint(1, 99999)}"
        return box + rng.choice(("", ", " + self.locality("us"), "\n" + self.locality("us")))

    def uk_address(self) -> str:
        """The British order: flat, house number and street, town, postcode."""
        rng = self.rng
        fake = self.fake("en_GB")
        street = f"{self._num()} {fake.street_name()}" if rng.random() < 0.8 else \
            f"{rng.choice(('Rose', 'Ivy', 'Oak', 'The Old'))} {rng.choice(('Cottage', 'House', 'Lodge', 'Barn'))}, {fake.street_name()}"
        if rng.random() < 0.3:
            street = f"{rng.choice(('Flat', 'Apartment', 'Unit'))} {rng.randint(1, 40)}, " + street
        sep = rng.choice((", ", "\n"))
        out = street + sep + fake.city()
        if rng.random() < 0.85:
            out += rng.choice((" ", ", ", sep)) + fake.postcode()
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
        if slot in ("PROG", "OFFICE", "ORGU"):
            return self.institution(slot)
        if slot in ("NOUNS", "NOUNS2", "NOUNS3"):
            words = [rng.choice(EN_NOUNS) for _ in range(rng.randint(1, 3))]
            if rng.random() < 0.4:
                words.insert(0, rng.choice(EN_ADJECTIVES))
            return " ".join(words)
        if slot in ("DENOUN", "DENOUN2", "DENOUN3"):
            return rng.choice(DE_NOUNS)
        if slot in ("TRNOUN", "TRNOUN2", "TRNOUN3"):
            return rng.choice(TR_NOUNS)
        if slot in ("LANG", "LANG2", "LANG3"):
            return rng.choice(LANGUAGE_WORDS)
        if slot in ("MADE", "MADE2"):
            word = self.made_up()
            return word if rng.random() < 0.6 else word + rng.choice(("®", " Pro", " 360", "X", "ix", "ware"))
        if slot in ("TOPIC", "TOPIC2"):
            return " ".join(rng.choice(_TOPICS) for _ in range(rng.randint(1, 3)))
        if slot == "HEADWORD":
            return rng.choice(("Policy", "Guidelines", "Overview", "Report", "Award", "Plan",
                               "Strategy", "Review", "Update", "Summary", "Framework", "Standards"))
        if slot in ("DETOPIC", "DETOPIC2"):
            return f"{rng.choice(_DE_ADJECTIVES)} {rng.choice(_DE_NOUNS)}"
        if slot == "BUTTON":
            return rng.choice(("Check Out", "Sign In", "Log In", "Sign Up", "Add to Cart",
                               "Read More", "Learn More", "Get Started", "Contact Us",
                               "Download Now", "Subscribe", "Buy Now", "View Details"))
        if slot == "LN":
            return self._real_first_last(lang)[1]
        if slot in ("CITY", "CITY2", "CITY3"):
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
        if slot in ("J", "J2"):
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

    def institution(self, slot: str) -> str:
        """Capitalised names of things, never of people: programmes, offices, universities
        and institutes (the affiliations of papers)."""
        rng = self.rng
        topic = " ".join(rng.choice(_TOPICS) for _ in range(rng.randint(1, 2)))
        if slot == "PROG":
            return f"{topic} {rng.choice(('Program', 'Programme', 'Initiative', 'Fund', 'Project', 'Grant Program', 'Scheme'))}"
        if slot == "OFFICE":
            return rng.choice((f"Office of {topic}", f"Department of {topic}", f"{topic} Division",
                               f"Bureau of {topic}", f"{topic} Committee", f"Center for {topic}"))
        place = rng.choice(WORLD_CITIES + US_STATES)
        return rng.choice((f"University of {place}", f"{place} University", f"{place} Institute of {topic}",
                           f"{self.fake('en_US').last_name()} Institute", f"{self.fake('en_US').last_name()} University",
                           f"{place} College", f"Department of {topic}, {place} University",
                           f"{topic} Research Center"))

    def fill(self, frame: str, lang: str) -> tuple[str, list[Span]]:
        text, spans, pos = [], [], 0
        length = 0
        for match in _SLOT.finditer(frame):
            text.append(frame[pos:match.start()])
            length += match.start() - pos
            slot = match.group(1)
            label = None
            if slot in ("P", "P2", "P3", "PL", "PL2", "PL3", "PF", "PF2"):
                form = {"PL": "last", "PL2": "last", "PL3": "last", "PF": "first",
                        "PF2": "first"}.get(slot)
                prefix, value, suffix = self.person(lang, form)
                if prefix and not (match.start() == 0 or frame[match.start() - 1] in " \n"):
                    prefix = ""
                text.append(prefix)
                length += len(prefix)
                label = "PERSON"
            elif slot in ("A", "A2", "S", "S2"):
                value = self.address(lang) if slot in ("A", "A2") else self.street(
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


def name_parts(seed: int = 0, world: bool = True) -> frozenset[str]:
    """Every first and last name Faker can give for the locales the generator draws from
    (NAME_LOCALES and, with ``world``, WORLD_LOCALES, romanized or transliterated as the
    generator writes them). Made-up words (identity dropout) are in no list by design.
    ``world=False`` gives the lists of the first model (2026-12-03), for comparing splits."""
    out: set[str] = set()
    locales = {loc for locs in NAME_LOCALES.values() for loc in locs} | (set(WORLD_LOCALES) if world else set())
    for locale in locales:
        fake = Faker(locale)
        translit = locale.split("_")[0] in ("ru", "uk", "bg", "el")
        for provider in fake.providers:
            for attr in ("first_names", "first_names_male", "first_names_female", "last_names",
                         "first_names_nonbinary", "first_romanized_names",
                         "last_romanized_names"):
                values = getattr(provider, attr, None)
                if values:
                    values = values.keys() if isinstance(values, dict) else values
                    out.update(_transliterate(v) if translit else v for v in values)
    return frozenset(out)


if __name__ == "__main__":
    for text, spans in examples(seed=1, count=12):
        print(repr(text), [(text[a:b], label) for a, b, label in spans])
