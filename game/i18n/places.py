"""Place, country and power names as each shipped language writes them.

Each language writes the region's names its own way: Russian ``Ташкент``, Kazakh ``Ташкент``,
Uzbek ``Toshkent``; Kazakh ``Ақтау`` and ``Мәскеу``. The scenario translations use these
spellings, and the UI names countries and powers through :func:`game.i18n.place_name`. Uzbek is written
in the official Latin alphabet, with ``ʻ`` (U+02BB) in oʻ and gʻ and ``ʼ`` (U+02BC) for the
tutuq belgisi.

Sentences name countries and powers in the case their grammar wants: Russian «Зависимость Казахстана от
России», Kazakh «Қазақстанның Ресейге тәуелділігі», Uzbek «Qozogʻistonning Rossiyaga qaramligi». The msgid keeps
the plain placeholder (``{country}``); the translation asks for a form with a format spec, ``{country:genitive}``,
``{power:dative}``, and :func:`declined` finds it in the table of forms below (the forms of the eight roles in
every language that declines them; ``CASES`` lists the case names each language has).
"""

from __future__ import annotations

from game.engine.codes import ROLES
from game.i18n.languages import language

#                 en                ru                 kk                  uz
_NAMES: dict[str, tuple[str, str, str, str]] = {
    # The roles: five states and three outside powers (engine codes).
    "KZ": ("Kazakhstan", "Казахстан", "Қазақстан", "Qozogʻiston"),
    "UZ": ("Uzbekistan", "Узбекистан", "Өзбекстан", "Oʻzbekiston"),
    "KG": ("Kyrgyzstan", "Кыргызстан", "Қырғызстан", "Qirgʻiziston"),
    "TJ": ("Tajikistan", "Таджикистан", "Тәжікстан", "Tojikiston"),
    "TM": ("Turkmenistan", "Туркменистан", "Түрікменстан", "Turkmaniston"),
    "RU": ("Russia", "Россия", "Ресей", "Rossiya"),
    "CN": ("China", "Китай", "Қытай", "Xitoy"),
    "WEST": ("the West", "Запад", "Батыс", "Gʻarb"),
    # Cities, ports and passes the shipped scenarios name.
    "astana": ("Astana", "Астана", "Астана", "Ostona"),
    "almaty": ("Almaty", "Алматы", "Алматы", "Olmaota"),
    "tashkent": ("Tashkent", "Ташкент", "Ташкент", "Toshkent"),
    "samarkand": ("Samarkand", "Самарканд", "Самарқанд", "Samarqand"),
    "andijan": ("Andijan", "Андижан", "Әндіжан", "Andijon"),
    "bishkek": ("Bishkek", "Бишкек", "Бішкек", "Bishkek"),
    "dushanbe": ("Dushanbe", "Душанбе", "Душанбе", "Dushanbe"),
    "ashgabat": ("Ashgabat", "Ашхабад", "Ашхабад", "Ashxobod"),
    "turkmenbashi": ("Turkmenbashi", "Туркменбаши", "Түрікменбашы", "Turkmanboshi"),
    "aktau": ("Aktau", "Актау", "Ақтау", "Oqtov"),
    "kuryk": ("Kuryk", "Курык", "Құрық", "Quriq"),
    "baku": ("Baku", "Баку", "Баку", "Boku"),
    "tbilisi": ("Tbilisi", "Тбилиси", "Тбилиси", "Tbilisi"),
    "kars": ("Kars", "Карс", "Карс", "Kars"),
    "kashgar": ("Kashgar", "Кашгар", "Қашқар", "Qashqar"),
    "torugart": ("Torugart", "Торугарт", "Торұғарт", "Torugart"),
    "fergana": ("Fergana", "Фергана", "Ферғана", "Fargʻona"),
    "xian": ("Xi'an", "Сиань", "Сиань", "Sian"),
    "beijing": ("Beijing", "Пекин", "Бейжің", "Pekin"),
    "moscow": ("Moscow", "Москва", "Мәскеу", "Moskva"),
    "new_york": ("New York", "Нью-Йорк", "Нью-Йорк", "Nyu-York"),
    "lianyungang": ("Lianyungang", "Ляньюньган", "Ляньюньган", "Lyanyungang"),
    "caspian_sea": ("the Caspian Sea", "Каспийское море", "Каспий теңізі", "Kaspiy dengizi"),
    # The rest of what the map writes (its data's ids): neighbouring states, cities, seas and lakes.
    "IR": ("Iran", "Иран", "Иран", "Eron"),
    "AF": ("Afghanistan", "Афганистан", "Ауғанстан", "Afgʻoniston"),
    "MN": ("Mongolia", "Монголия", "Моңғолия", "Mongoliya"),
    "IQ": ("Iraq", "Ирак", "Ирақ", "Iroq"),
    "TR": ("Turkey", "Турция", "Түркия", "Turkiya"),
    "UA": ("Ukraine", "Украина", "Украина", "Ukraina"),
    "PK": ("Pakistan", "Пакистан", "Пәкістан", "Pokiston"),
    "IN": ("India", "Индия", "Үндістан", "Hindiston"),
    "AZ": ("Azerbaijan", "Азербайджан", "Әзербайжан", "Ozarbayjon"),
    "GE": ("Georgia", "Грузия", "Грузия", "Gruziya"),
    "AM": ("Armenia", "Армения", "Армения", "Armaniston"),
    "SY": ("Syria", "Сирия", "Сирия", "Suriya"),
    "SA": ("Saudi Arabia", "Саудовская Аравия", "Сауд Арабиясы", "Saudiya Arabistoni"),
    "XS": (
        "Siachen Glacier (disputed)",
        "ледник Сиачен (спорный)",
        "Сиачен мұздығы (даулы)",
        "Siachen muzligi (bahsli)",
    ),
    "yerevan": ("Yerevan", "Ереван", "Ереван", "Yerevan"),
    "tehran": ("Tehran", "Тегеран", "Тегеран", "Tehron"),
    "kabul": ("Kabul", "Кабул", "Кабул", "Kobul"),
    "islamabad": ("Islamabad", "Исламабад", "Исламабад", "Islomobod"),
    "urumqi": ("Urumqi", "Урумчи", "Үрімжі", "Urumchi"),
    "alat": ("Alat", "Алят", "Алят", "Alyat"),
    "khorgos": ("Khorgos", "Хоргос", "Қорғас", "Xorgos"),
    "shymkent": ("Shymkent", "Шымкент", "Шымкент", "Chimkent"),
    "kyzylorda": ("Kyzylorda", "Кызылорда", "Қызылорда", "Qiziloʻrda"),
    "caspian": ("Caspian Sea", "Каспийское море", "Каспий теңізі", "Kaspiy dengizi"),
    "aral": ("Aral Sea", "Аральское море", "Арал теңізі", "Orol dengizi"),
    "balkhash": ("Lake Balkhash", "озеро Балхаш", "Балқаш көлі", "Balxash koʻli"),
    "issyk_kul": ("Issyk-Kul", "Иссык-Куль", "Ыстықкөл", "Issiqkoʻl"),
    "zaysan": ("Lake Zaysan", "озеро Зайсан", "Зайсан көлі", "Zaysan koʻli"),
    "sevan": ("Lake Sevan", "озеро Севан", "Севан көлі", "Sevan koʻli"),
    "urmia": ("Lake Urmia", "озеро Урмия", "Урмия көлі", "Urmiya koʻli"),
    "sarygamysh": ("Sarygamysh Lake", "Сарыкамышское озеро", "Сарықамыс көлі", "Sariqamish koʻli"),
    "black_sea": ("Black Sea", "Чёрное море", "Қара теңіз", "Qora dengiz"),
    "sea_of_azov": ("Sea of Azov", "Азовское море", "Азов теңізі", "Azov dengizi"),
}
_COLUMN = {"en": 0, "ru": 1, "kk": 2, "uz": 3}


# The case names each language's translations may ask for, and the forms of the roles in them.
CASES: dict[str, tuple[str, ...]] = {
    "ru": ("genitive", "dative", "accusative", "instrumental", "prepositional"),
    "kk": ("genitive", "dative", "accusative", "locative", "ablative", "instrumental"),
    "uz": ("genitive", "dative", "accusative", "locative", "ablative"),
}
_FORMS: dict[str, dict[str, tuple[str, ...]]] = {
    # родительный (нет кого? чего?), дательный (к кому?), винительный, творительный (с кем?), предложный (в ком?)
    "ru": {
        "KZ": ("Казахстана", "Казахстану", "Казахстан", "Казахстаном", "Казахстане"),
        "UZ": ("Узбекистана", "Узбекистану", "Узбекистан", "Узбекистаном", "Узбекистане"),
        "KG": ("Кыргызстана", "Кыргызстану", "Кыргызстан", "Кыргызстаном", "Кыргызстане"),
        "TJ": ("Таджикистана", "Таджикистану", "Таджикистан", "Таджикистаном", "Таджикистане"),
        "TM": ("Туркменистана", "Туркменистану", "Туркменистан", "Туркменистаном", "Туркменистане"),
        "RU": ("России", "России", "Россию", "Россией", "России"),
        "CN": ("Китая", "Китаю", "Китай", "Китаем", "Китае"),
        "WEST": ("Запада", "Западу", "Запад", "Западом", "Западе"),
    },
    # ілік, барыс, табыс, жатыс, шығыс, көмектес септіктері
    "kk": {
        "KZ": ("Қазақстанның", "Қазақстанға", "Қазақстанды", "Қазақстанда", "Қазақстаннан", "Қазақстанмен"),
        "UZ": ("Өзбекстанның", "Өзбекстанға", "Өзбекстанды", "Өзбекстанда", "Өзбекстаннан", "Өзбекстанмен"),
        "KG": ("Қырғызстанның", "Қырғызстанға", "Қырғызстанды", "Қырғызстанда", "Қырғызстаннан", "Қырғызстанмен"),
        "TJ": ("Тәжікстанның", "Тәжікстанға", "Тәжікстанды", "Тәжікстанда", "Тәжікстаннан", "Тәжікстанмен"),
        "TM": ("Түрікменстанның", "Түрікменстанға", "Түрікменстанды", "Түрікменстанда", "Түрікменстаннан",
               "Түрікменстанмен"),
        "RU": ("Ресейдің", "Ресейге", "Ресейді", "Ресейде", "Ресейден", "Ресеймен"),
        "CN": ("Қытайдың", "Қытайға", "Қытайды", "Қытайда", "Қытайдан", "Қытаймен"),
        "WEST": ("Батыстың", "Батысқа", "Батысты", "Батыста", "Батыстан", "Батыспен"),
    },
    # qaratqich, joʻnalish, tushum, oʻrin-payt, chiqish kelishiklari
    "uz": {
        "KZ": ("Qozogʻistonning", "Qozogʻistonga", "Qozogʻistonni", "Qozogʻistonda", "Qozogʻistondan"),
        "UZ": ("Oʻzbekistonning", "Oʻzbekistonga", "Oʻzbekistonni", "Oʻzbekistonda", "Oʻzbekistondan"),
        "KG": ("Qirgʻizistonning", "Qirgʻizistonga", "Qirgʻizistonni", "Qirgʻizistonda", "Qirgʻizistondan"),
        "TJ": ("Tojikistonning", "Tojikistonga", "Tojikistonni", "Tojikistonda", "Tojikistondan"),
        "TM": ("Turkmanistonning", "Turkmanistonga", "Turkmanistonni", "Turkmanistonda", "Turkmanistondan"),
        "RU": ("Rossiyaning", "Rossiyaga", "Rossiyani", "Rossiyada", "Rossiyadan"),
        "CN": ("Xitoyning", "Xitoyga", "Xitoyni", "Xitoyda", "Xitoydan"),
        "WEST": ("Gʻarbning", "Gʻarbga", "Gʻarbni", "Gʻarbda", "Gʻarbdan"),
    },
}


def place_ids() -> tuple[str, ...]:
    """The ids of every named place, country and power, in table order."""
    return tuple(_NAMES)


def name_in(place_id: str, code: str, case: str | None = None) -> str:
    """The name of a place, country or power (``KZ``, ``tashkent``) in language ``code``, in grammatical ``case``
    when given (``name_in("RU", "ru", "genitive")`` is ``России``; the plain name where the language has no such
    form); a KeyError for an id the table lacks. :func:`game.i18n.place_name` defaults to the language in force."""
    spoken = language(code).code
    name = _NAMES[place_id][_COLUMN[spoken]]
    return declined(name, case, spoken) if case else name


def is_case(spec: str, code: str) -> bool:
    """Whether ``spec`` (a format spec such as ``genitive``) names a case of language ``code``."""
    return spec in CASES.get(code, ())


def declined(name: str, case: str, code: str) -> str:
    """``name`` (a role's name as language ``code`` writes it, ``Россия``) in ``case`` (``России``); any other
    name, or a case the language lacks, is given back as it is: a sentence may read stiffly, never break."""
    if not is_case(case, code):
        return name
    column = _COLUMN[code]
    for role in ROLES:
        if _NAMES[role][column] == name:
            return _FORMS[code][role][CASES[code].index(case)]
    return name


def forms_of(place_id: str, code: str) -> dict[str, str]:
    """Every case form of a role in language ``code`` (``{}`` for a language or place without them)."""
    forms = _FORMS.get(code, {}).get(place_id, ())
    return dict(zip(CASES.get(code, ()), forms, strict=False))
