#!/usr/bin/env python3
"""Writes the sample corpus (news.jsonl, news.wet, txt/, multilingual.jsonl). Run from samples/.

Every sentence here was written for winnow's samples: two invented local news
sites, each with its own page template, publishing invented stories.
"""
import json
import os

GAZETTE_HEAD = ["Harbour Gazette", "Menu", "Home", "News", "Sport", "Opinion"]
GAZETTE_FOOT = [
    "Understand the value of local reporting?",
    "So do we.",
    "Local newsrooms are closing across the country, and every reader who chips in keeps ours open for another week.",
    "Make a one-time contribution, or click here to become a member. Thank you.",
    "Donate by card",
    "Donate by PayPal",
    "Please enter your comment!",
    "Please enter your name here",
    "You have entered an incorrect email address!",
    "{{ article.sponsor.tracking_pixel }}",
    "© 2024 Harbour Gazette Media Ltd. All Rights Reserved.",
]
COURIER_HEAD = ["Valley Courier", "Trending Now", "Must Read: Ten hikes within an hour of town",
                "Must Read: Where to find the best pies this winter"]
COURIER_FOOT = [
    "Oops! Something went wrong.",
    "Please try again later.",
    "Oops! Something went wrong.",
    "Please try again later.",
    "Sign up for our newsletter",
    "Follow us on Facebook and Twitter",
    "Advertisement",
    "Copyright 2024 Valley Courier. All rights reserved.",
]

STORIES = [
    ("bridge", "Old Mill Bridge reopens after eighteen months of repairs",
     "Photo: Marta Quinn / Harbour Gazette",
     ["The Old Mill Bridge reopened to traffic on Monday morning, eighteen months after engineers closed it when a routine inspection found cracks in two of its stone piers.",
      "Drivers queued from before dawn to be among the first across, and several honked their horns as the barriers were lifted shortly after seven.",
      "The repairs cost the county a little over four million dollars, about a third more than first budgeted, after divers found that the river bed around one pier had washed away.",
      "Shop owners on Mill Street said the closure had cut their trade by half. \u201cPeople simply stopped coming across,\u201d said baker Ines Ferreira, who kept her shop open throughout.",
      "The county says a weight limit of twelve tonnes will stay in place until a final survey in the spring."]),
    ("library", "Town library to stay open until nine on weeknights",
     "[Featured Image by Tom Alder]",
     ["The central library will stay open until nine in the evening from Monday to Thursday starting next month, the town council decided on Tuesday.",
      "Librarians had asked for longer hours for two years, pointing to queues for the study rooms during exam season.",
      "The change will be paid for by moving two part-time posts from the mobile library, which will visit outlying villages once a fortnight instead of once a week.",
      "Opening Hours",
      "Weekend hours are unchanged: ten until four on Saturdays, and closed on Sundays."]),
    ("quota", "Fishing crews protest new limits on winter catch",
     None,
     ["Around forty fishing boats stayed in the harbour on Wednesday as crews protested new limits on the winter catch of cod and haddock.",
      "The regional fisheries office cut the quota by a fifth after a survey found fewer young fish than in any year since records began.",
      "Skipper Dara Lennox said the cut would force some crews to sell their boats. \u201cWe understand the science, but nobody asked us how to make it work,\u201d he said.",
      "The fisheries office said it would meet the crews' association next week."]),
    ("robots", "School robotics team heads to national final",
     "Photo: Supplied",
     ["A team of six pupils from Northfield High School will compete in the national robotics final in April after winning the regional round on Saturday.",
      "Their robot, built mostly from parts of old printers, sorted coloured blocks faster than any other entry.",
      "The team's teacher, Priya Nair, said the pupils had worked through most of their lunch breaks since September.",
      "The school is raising money for the trip with a bake sale and a sponsored walk."]),
    ("storm", "Storm brings down trees and cuts power to two thousand homes",
     "Getty Images",
     ["Strong winds overnight brought down trees across the north of the county and left about two thousand homes without power on Friday morning.",
      "Crews restored electricity to most homes by the afternoon, but the power company warned that some farms might wait until Sunday.",
      "Two roads remained closed because of fallen trees, and the ferry to the islands was cancelled for a second day.",
      "No injuries were reported."]),
    ("market", "Farmers market moves to the old railway yard",
     None,
     ["The Saturday farmers market will move from the town square to the old railway yard in May, giving stallholders twice as much space.",
      "Organisers said the square had become too crowded, with some traders turned away every week.",
      "The railway yard has parking for two hundred cars and a covered shed that can be used when it rains.",
      "Some traders worry that shoppers will not walk the extra distance from the high street."]),
    ("museum", "Museum shows maps from the town's first survey",
     "Photo: Town Museum",
     ["Hand-drawn maps from the first survey of the town, made in 1841, go on show at the Town Museum this weekend.",
      "The maps were found in a solicitor's attic last year and have been cleaned and repaired by volunteers.",
      "They show the harbour before the breakwater was built and a windmill on the hill where the water tower now stands.",
      "Entry is free, and the exhibition runs until the end of August."]),
]

SUPPORT_TEXT = "Read the original article on Harbour Gazette"


def gazette(story, doubled=False):
    key, title, credit, paras = story
    lines = list(GAZETTE_HEAD) + [title, ""]
    if doubled:
        lines += [title, ""]
    if credit:
        lines += [credit, ""]
    for p in paras:
        lines += [p, ""]
    lines += GAZETTE_FOOT
    return "\n".join(lines)


def courier(story, syndicated=False):
    key, title, credit, paras = story
    lines = [title, ""] + list(COURIER_HEAD) + [""]
    if credit:
        lines += [credit, ""]
    for p in paras:
        lines += [p, ""]
    if syndicated:
        lines += [SUPPORT_TEXT, ""]
    lines += COURIER_FOOT
    return "\n".join(lines)


# Four pages of local news sites in German, French, Spanish and Russian: the same
# kinds of chaff, read with each language's stopwords.
FOREIGN = [
    ('stadtblatt-001', 'https://stadtblatt.example/lokales/bibliothek', [
        "Startseite",
        "Lokales",
        "Wirtschaft",
        "Kultur",
        "Anmelden",
        "Neue Stadtbibliothek öffnet im Frühjahr",
        "Von Lena Hoffmann | 14. März 2025",
        "Die neue Stadtbibliothek am Marktplatz soll im April ihre Türen öffnen, wie die Stadtverwaltung am Montag mitteilte.",
        "Nach mehr als drei Jahren Bauzeit sind die Arbeiten an dem Gebäude fast abgeschlossen, nur die Regale für die Kinderabteilung fehlen noch.",
        "Die Bibliothek wird an sechs Tagen in der Woche geöffnet sein und bietet neben Büchern auch einen Raum für Lesungen und Kurse.",
        "„Wir wollen einen Ort schaffen, an dem sich alle Generationen begegnen können“, sagte die Leiterin der Bibliothek bei einem Rundgang.",
        "Teilen",
        "Mehr aus Lokales",
        "Straßenfest am Wochenende",
        "Parkhaus wird teurer",
        "© 2025 Stadtblatt",
    ]),
    ('quotidien-042', 'https://quotidien.example/region/festival', [
        "Accueil",
        "Région",
        "Culture",
        "Se connecter",
        "Le festival de jazz revient sur les quais cet été",
        "Par Julien Moreau, le 2 juin 2025",
        "Le festival de jazz de la ville reviendra sur les quais du fleuve du 10 au 14 juillet, a annoncé mardi son directeur.",
        "Plus de quarante concerts sont prévus, dont une grande partie sera gratuite pour le public et accessible aux familles.",
        "Les organisateurs espèrent accueillir près de cinquante mille spectateurs, soit un peu plus que lors de l'édition précédente.",
        "« Nous voulons que la musique soit au cœur de la ville pendant une semaine », a expliqué le directeur lors de la présentation.",
        "Partager",
        "Newsletter",
        "Les plus lus",
        "Travaux sur le pont principal",
        "© 2025 Le Quotidien",
    ]),
    ('diario-117', 'https://diario.example/ciudad/mercado', [
        "Inicio",
        "Ciudad",
        "Deportes",
        "Opinión",
        "El mercado central reabre tras dos años de obras",
        "Por Marta Gil | 5 de mayo de 2025",
        "El mercado central de la ciudad volvió a abrir sus puertas el sábado después de dos años de obras de reforma.",
        "Los comerciantes recuperan sus puestos en un edificio con nueva cubierta, mejor ventilación y un espacio para la venta de productos locales.",
        "Según el ayuntamiento, la reforma ha costado unos seis millones de euros y ha sido financiada en parte con fondos europeos.",
        "Muchos vecinos se acercaron durante la mañana para ver el resultado y comprar en los puestos de siempre.",
        "Compartir",
        "Lo más leído",
        "Corte de tráfico en la avenida",
        "© 2025 Diario",
    ]),
    ('vestnik-305', 'https://vestnik.example/gorod/park', [
        "Главная",
        "Новости",
        "Общество",
        "Войти",
        "В городском парке откроют новую детскую площадку",
        "Автор: Ольга Кузнецова | 12 апреля 2025",
        "Новая детская площадка в центральном парке откроется в начале июня, сообщили в администрации города.",
        "По словам главы района, на площадке будут качели, горки и зона для самых маленьких, а покрытие сделают из мягкой резины.",
        "Работы уже начались, и подрядчик обещает закончить их до конца мая, если погода не помешает.",
        "Жители окрестных домов давно просили о такой площадке и сами предложили несколько идей для её оформления.",
        "Поделиться",
        "Читайте также",
        "Ремонт дорог на улице Мира",
        "© 2025 Вестник. Все права защищены.",
    ]),
    # Languages winnow has no stopwords for: read by sentence shape ("und").
    ('kurier-088', 'https://kurier.example/miasto/most', [
        "Strona główna",
        "Wiadomości",
        "Pogoda",
        "Zaloguj się",
        "Nowy most nad rzeką otwarty dla ruchu",
        "Anna Kowalska | 12 marca 2025",
        "Po trzech latach budowy nowy most nad rzeką został w poniedziałek oficjalnie otwarty dla samochodów i pieszych.",
        "Przeprawa ma prawie kilometr długości i łączy dwie dzielnice, które dotąd dzieliło pół godziny jazdy.",
        "Burmistrz podkreślił, że inwestycja kosztowała mniej niż planowano, a prace zakończono przed terminem.",
        "Mieszkańcy mogą też korzystać z nowej ścieżki rowerowej, która biegnie wzdłuż całego mostu.",
        "Udostępnij",
        "Czytaj także",
        "Pożar hali w centrum miasta",
        "© 2025 Kurier Miejski",
    ]),
    ('ribao-512', 'https://ribao.example/city/bridge', [
        "首页",
        "新闻",
        "体育",
        "登录",
        "新大桥正式通车",
        "记者 王芳 2025年3月12日",
        "经过三年的建设，横跨江面的新大桥于周一正式向车辆和行人开放，市民纷纷前来参观。",
        "大桥全长近一公里，连接了两个城区，过去两地之间的车程超过半个小时，如今只需要几分钟。",
        "市长表示，这项工程的花费低于预算，并且比原计划提前两个月完工，为城市节省了大量资金。",
        "桥上还修建了一条自行车道，沿着大桥全程延伸，方便市民骑车出行和锻炼身体。",
        "分享",
        "相关阅读",
        "市中心仓库发生火灾",
        "© 2025 城市日报",
    ]),
]


def main():
    recs = []
    g = {s[0]: s for s in STORIES}
    recs.append({"id": "gazette-001", "url": "https://harbour-gazette.example/news/old-mill-bridge-reopens", "text": gazette(g["bridge"], doubled=True)})
    recs.append({"id": "gazette-002", "url": "https://harbour-gazette.example/news/library-hours", "text": gazette(g["library"])})
    recs.append({"id": "courier-001", "url": "https://valley-courier.example/2024/fishing-protest", "text": courier(g["quota"])})
    recs.append({"id": "gazette-003", "url": "https://harbour-gazette.example/news/robotics-final", "text": gazette(g["robots"], doubled=True)})
    recs.append({"id": "courier-002", "url": "https://valley-courier.example/2024/storm", "text": courier(g["storm"])})
    # The bridge story, syndicated by the Courier under its own template.
    recs.append({"id": "courier-003", "url": "https://valley-courier.example/2024/bridge-reopens", "text": courier(g["bridge"], syndicated=True)})
    recs.append({"id": "gazette-004", "url": "https://harbour-gazette.example/news/farmers-market", "text": gazette(g["market"])})
    recs.append({"id": "courier-004", "url": "https://valley-courier.example/2024/museum-maps", "text": courier(g["museum"])})
    # The library story published a second time by the same site, word for word.
    recs.append({"id": "gazette-005", "url": "https://harbour-gazette.example/news/library-hours-update", "text": gazette(g["library"])})
    recs.append({"id": "courier-005", "url": "https://valley-courier.example/2024/market-moves", "text": courier(g["market"], syndicated=True)})
    recs.append({"id": "gazette-006", "url": "https://harbour-gazette.example/news/storm-damage", "text": gazette(g["storm"], doubled=True)})
    recs.append({"id": "courier-006", "url": "https://valley-courier.example/2024/robotics", "text": courier(g["robots"])})
    with open("news.jsonl", "w", encoding="utf-8") as f:
        for r in recs:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    # The same first four records as a Common Crawl WET file.
    with open("news.wet", "wb") as f:
        info = b"software: winnow samples\r\n"
        f.write(b"WARC/1.0\r\nWARC-Type: warcinfo\r\nWARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-000000000000>\r\n"
                b"Content-Length: %d\r\n\r\n%s\r\n\r\n" % (len(info), info))
        for i, r in enumerate(recs[:4]):
            body = r["text"].encode("utf-8")
            f.write(b"WARC/1.0\r\nWARC-Type: conversion\r\nWARC-Target-URI: %s\r\n"
                    b"WARC-Date: 2024-03-0%dT08:00:00Z\r\nWARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-00000000000%d>\r\n"
                    b"Content-Type: text/plain\r\nContent-Length: %d\r\n\r\n%s\r\n\r\n"
                    % (r["url"].encode(), i + 1, i + 1, len(body), body))
    with open("multilingual.jsonl", "w", encoding="utf-8") as f:
        for rid, url, text in FOREIGN:
            f.write(json.dumps({"id": rid, "url": url, "text": "\n".join(text)}, ensure_ascii=False) + "\n")
    # And three of them as plain text files in a folder.
    os.makedirs("txt/courier", exist_ok=True)
    for name, r in (("txt/gazette-001.txt", recs[0]), ("txt/courier/courier-003.txt", recs[5]),
                    ("txt/courier/courier-001.txt", recs[2])):
        with open(name, "w", encoding="utf-8") as f:
            f.write(r["text"] + "\n")


if __name__ == "__main__":
    main()
