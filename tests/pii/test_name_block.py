"""Issue 14: a person's name heading a signature, letterhead, contact card, CV header or
address label; e-mail local parts spelt from a name; titles and post-nominals masked with the
name (made-up values; negatives are headings, companies, job titles, products, table
headers, places and common phrases above the same kinds of lines)."""
import pytest

from flexorch_beam.pii import name_affixes, name_block, ner
from flexorch_beam.pii.context import ScanContext
from flexorch_beam.pii.step import detect


def blocks(text):
    context = ScanContext.of(text)
    return [text[a:b] for a, b, _ in name_block.scan_block_names(context, lambda: ner.shared_lower_words(context))]


def people(text):
    return [text[m.start:m.end] for m in detect(text) if m.type == "PERSON"]


@pytest.mark.parametrize("text, name", [
    # a signature after a closing: name, job title, company, address
    ("Best regards,\nHelena Okafor-Reid\nProcurement Lead\nHollowmere Supplies\n14 Quarry Lane\n"
     "Leeds LS2 7QT", "Helena Okafor-Reid"),
    # a letterhead: name, street line, city line
    ("Dorothea K. Vanterpool\n221 Birchwood Avenue\nSpringfield, IL 62704", "Dorothea K. Vanterpool"),
    # a quoted signature of an e-mail reply
    ("> \n> Odile K Marchetti\n> Brightline Advisory\n> 44 Quarry Terrace\n> Suite 12",
     "Odile K Marchetti"),
    # another mail client's quote marker on every line
    ("::: ingrid t. solberg\n::: larkspur advisory\n::: 688 rue verte 320\n::: apt. 169",
     "ingrid t. solberg"),
    # all in lower case
    ("ruth okafor\nhead of procurement\nnorbright ltd\n17 mill lane suite 4", "ruth okafor"),
    # a CV header: name, job title, labelled contact lines, blank lines between
    ("Kasimir Oyelaran\n\nnurse\n\npersonal info:\nphone:\n0123 456 789", "Kasimir Oyelaran"),
    # particles and diacritics
    ("Willemijn van der Stok\nSenior Buyer\n12 Elm Street", "Willemijn van der Stok"),
    ("Žofia Dvořáková\nTel: +420 601 123 456\nE-mail: office@example.com", "Žofia Dvořáková"),
    # a military post address
    ("Lionel R Abernathy\nunit 4410 box 2291\ndpo ap 40902", "Lionel R Abernathy"),
    # the label of an address block before the name
    ("Ship to: Ingrid Solberg\n    12 Elm Street Suite 4\n  Springfield", "Ingrid Solberg"),
    ("name:    helga m. ostrowski\naddress:     unit 4526 box 0671", "helga m. ostrowski"),
    ("Order 1182 shipped\nDeliver to: Ingrid Solberg\n12 Elm Street\nSpringfield", "Ingrid Solberg"),
    # a name whose word is also a heading or street word, beside another name word
    ("Sarah Price\nPhone: 555 0101", "Sarah Price"),
    ("Bill Turner\n12 Elm Street\nSpringfield", "Bill Turner"),
    # a title before the name stays out of the block's span (ner adds it back)
    ("Dr. Margit Hollenstein\n35 Larch Road\nBristol BS1 4DJ", "Margit Hollenstein"),
])
def test_a_name_heading_an_address_or_contact_block_is_found(text, name):
    assert name in blocks(text)
    assert any(name in value for value in people(text))


@pytest.mark.parametrize("text, name", [
    ("Quentavius Brell\nqbrell@example.com", "Quentavius Brell"),  # initial and surname
    ("Vexlan Tromm\nSee you on Monday\nvexlan.tromm@example.com", "Vexlan Tromm"),
    ("Orsolya B Kertész\nContact me any time: orsolyakertesz82@example.org", "Orsolya B Kertész"),
    ("Dagny Øvrebø\nd_ovrebo@example.net", "Dagny Øvrebø"),  # accents folded
])
def test_an_e_mail_spelt_from_the_line_confirms_an_unknown_name(text, name):
    assert blocks(text) == [name]


@pytest.mark.parametrize("local, words, spelt", [
    ("ona.keller", ["Ona", "Keller"], True),
    ("okeller", ["Ona", "Keller"], True),
    ("onak", ["Ona", "Keller"], True),
    ("keller.ona", ["Ona", "Keller"], True),
    ("onabkeller", ["Ona", "B", "Keller"], True),
    ("onakellerbrandt", ["Ona", "Keller"], True),  # a second surname after both whole
    ("jorgensen.mads", ["Mads", "Jørgensen"], True),
    ("info", ["Ona", "Keller"], False),
    ("sales.team", ["Ona", "Keller"], False),
    ("jkeller", ["Ona", "Keller"], False),  # another given name's initial
    ("ona", ["Ona", "Keller"], False),
    ("okellerbrandt", ["Ona", "Keller"], False),  # an initial needs the rest exact
])
def test_an_e_mail_local_part_is_spelt_from_the_name_words(local, words, spelt):
    assert name_block.spelt_by(local, words) is spelt


@pytest.mark.parametrize("text", [
    "Billing Address\n12 Elm Street\nSpringfield",  # a heading above an address
    "Head Office\n12 Elm Street\nLeeds LS2 7QT",
    "Invoice To\nPhone: 555 0101",
    "Registered Office\nPO Box 1234\nLeeds",
    "Northwind Traders Ltd\n12 Elm Street\nSpringfield",  # a company
    "Harper Collins Group\nTel: 0123 456 789",
    "Sales Manager\nPhone: 555 123 4567",  # a job title
    "Senior Account Executive\nE-mail: sales@example.com",
    "Aurora Desk Lamp\nQty: 2\nPrice: 14.00",  # a product
    "Name Address Phone\nAnna Berg 12 Elm Street 555 0101",  # a table header
    "Mill Village\n12 Elm Street",  # a city or place line
    "Santa Maria\nPhone: 555 0101",
    "United Kingdom\n12 Elm Street",
    "Thank You\nPhone: 555 0101",  # two-word common phrases
    "Kind Regards\nTel: 0123 456 789",
    "Price List\nTel: 0123 456 789",  # a surname beside a word that is no name
    "Best Regards\nTel: 0123 456 789",
    "Oakfield Gardens\n12 Elm Street\nSpringfield",  # a street's name
    "Jalan Mawar Indah\n90 Ground Floor\nTel: 09-222 6498",
    "Olivia Grant\nwas the first to arrive and she gave us the news about the merger today\n"
    "12 Elm Street",  # prose between: no block
    "Larkspur Trading\nOlivia Grant\n12 Elm Street",  # not the block's first line
    "Vexlan Tromm\nvexlan@example.com",  # an e-mail of one word is no spelling of the name
    "Brisk Harbour\nbrisk.harbour@briskharbour.example",  # a company's own address
    "Brisk Harbour\n12 Elm Street\nb.harbour1@example.com https://www.brisk-harbour.example",
])
def test_headings_companies_jobs_products_places_and_phrases_are_no_block_names(text):
    assert blocks(text) == []


def test_a_word_the_text_writes_in_lower_case_makes_the_line_a_term():
    text = "Quality Assurance\nPhone: 555 0101\nOur quality checks and assurance are monthly."
    assert blocks(text) == []


def test_a_name_in_a_block_is_masked_at_its_other_occurrences():
    text = ("> \n> Odile K Marchetti\n> Brightline Advisory\n> Odile K Marchetti\n"
            "> 44 Quarry Terrace\n> Suite 12")
    assert people(text).count("Odile K Marchetti") == 2


@pytest.mark.parametrize("text, whole", [
    ("Please ask Dr Ona Keller, PhD, about the samples.", "Dr Ona Keller, PhD"),
    ("Dear Mrs. Ingrid Solberg, thank you for the order.", "Mrs. Ingrid Solberg"),
    ("The estate of Tobias Renner III was settled in May.", "Tobias Renner III"),
    # a title, a name no list holds and a post-nominal in the middle of a long list
    ("Several others were named, including Ola Brandt of Vexa, Hale, Dunmore and Quist's "
     "Mrs. Kathrine Vollmersen DDS, Noor Adler of Brightpath, and Pell's Irena Holm.",
     "Mrs. Kathrine Vollmersen DDS"),
])
def test_titles_and_post_nominals_are_masked_with_the_name(text, whole):
    assert whole in people(text)


@pytest.mark.parametrize("text, name", [
    ("Send it to 12 Oak Dr. John Smith today", "John Smith"),  # a street's "Drive"
    ("Mail Mara Quist, MD 20814 Bethesda", "Mara Quist"),  # Maryland and its ZIP code
    ("The Mr. Men books by Ona Keller", "Ona Keller"),  # no title touching the name
    ("Write to Herr Jonas Vogt soon", "Jonas Vogt"),  # a German form of address stays out
])
def test_a_title_or_suffix_is_taken_only_where_it_is_one(text, name):
    start = text.index(name)
    a, b = name_affixes.widened(text, start, start + len(name))
    assert text[a:b] == name


def test_a_title_and_suffixes_touching_a_name_are_taken():
    text = "Ask Prof. Ona Keller Jr., PhD about it"
    start = text.index("Ona")
    a, b = name_affixes.widened(text, start, start + len("Ona Keller"))
    assert text[a:b] == "Prof. Ona Keller Jr., PhD"
