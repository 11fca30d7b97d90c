#!/usr/bin/env python3
"""Writes the saved 国会会議録検索システム API responses in this directory.

They are written by hand in the shape of the API's responses
(https://kokkai.ndl.go.jp/api.html), JSON and XML (recordPacking=xml),
from its meeting endpoint (/api/meeting) and its speech endpoint
(/api/speech), two pages each, so that the tests need no network. The
texts are modelled on real records but shortened.
"""
import json
from xml.sax.saxutils import escape

BASE = "https://kokkai.ndl.go.jp"

A = dict(issueID="121104889X00520230315", imageKind="会議録", searchObject=0, session=211,
         nameOfHouse="衆議院", nameOfMeeting="内閣委員会", issue="第5号", date="2023-03-15", closing=None)
A_SPEECHES = [
    (0, "会議録情報", None, None, None, None,
     "令和五年三月十五日（水曜日）\n    午前九時開議\n 出席委員\n   委員長 大西 英男君\n   理事 杉田 水脈君 理事 中川 正春君\n      鈴木 英敬君    堤 かなめ君\n 出席国務大臣\n       国務大臣\n       （デジタル大臣） 河野 太郎君\n 出席政府参考人\n       （内閣官房内閣サイバーセキュリティセンター副センター長） 小柳 誠二君\n    ―――――――――――――\n本日の会議に付した案件\n 政府参考人出頭要求に関する件\n 内閣の重要政策に関する件\n    ――――◇―――――"),
    (1, "大西英男", "おおにしひでお", "自由民主党・無所属の会", "内閣委員長", "委員長",
     "○大西委員長　これより会議を開きます。\n　内閣の重要政策に関する件について調査を進めます。杉田水脈君。"),
    (2, "杉田水脈", "すぎたみお", "自由民主党・無所属の会", None, None,
     "○杉田委員　おはようございます。\n　病院を狙ったランサムウェアの被害が続いております。サプライチェーン全体の対策について、政府の見解を伺います。"),
    (3, "河野太郎", "こうのたろう", "自由民主党・無所属の会", "国務大臣（デジタル大臣）", None,
     "○河野国務大臣　お答えいたします。\n　政府機関の情報システムについては、ＮＩＳＣと連携して、ゼロトラストの考え方を取り入れてまいります。"),
    (4, "小柳誠二", "こやなぎせいじ", None, None, "政府参考人",
     "○小柳政府参考人　お答え申し上げます。\n　医療機関に対しては、ランサムウェア対策のガイドラインを周知しております。"),
    (5, "大西英男", "おおにしひでお", "自由民主党・無所属の会", "内閣委員長", "委員長",
     "○大西委員長　次回は、公報をもってお知らせすることとし、本日は、これにて散会いたします。\n    午前十時十分散会"),
]
B = dict(issueID="121115889X00320230316", imageKind="会議録", searchObject=0, session=211,
         nameOfHouse="参議院", nameOfMeeting="内閣委員会", issue="第3号", date="2023-03-16", closing=None)
B_SPEECHES = [
    (0, "会議録情報", None, None, None, None,
     "令和五年三月十六日（木曜日）\n   午前十時開会\n    ―――――――――――――\n   出席者は左のとおり。\n    委員長         古賀友一郎君\n    委員\n                塩村 あやか君\n    国務大臣\n        国務大臣    河野 太郎君"),
    (1, "古賀友一郎", "こがゆういちろう", "自由民主党", "内閣委員長", "委員長",
     "○委員長（古賀友一郎君）　ただいまから内閣委員会を開会いたします。"),
    (2, "塩村あやか", "しおむらあやか", "立憲民主・社民", None, None,
     "○塩村あやか君　サイバーセキュリティ人材の育成について伺います。"),
    (3, "河野太郎", "こうのたろう", "自由民主党", "国務大臣", None,
     "○国務大臣（河野太郎君）　人材の育成には、官民の連携が欠かせないと考えております。"),
]


def speech_record(meeting, s, with_meeting):
    order, speaker, yomi, group, position, role, text = s
    r = {}
    r["speechID"] = "%s_%03d" % (meeting["issueID"], order)
    if with_meeting:
        r.update({k: meeting[k] for k in ("issueID", "imageKind", "searchObject", "session", "nameOfHouse", "nameOfMeeting", "issue", "date", "closing")})
    r.update(speechOrder=order, speaker=speaker, speakerYomi=yomi, speakerGroup=group,
             speakerPosition=position, speakerRole=role, speech=text, startPage=1,
             createTime="2023-04-10 15:00:00", updateTime="2023-04-10 15:00:00",
             speechURL="%s/txt/%s/%d" % (BASE, meeting["issueID"], order))
    if with_meeting:
        r["meetingURL"] = "%s/txt/%s" % (BASE, meeting["issueID"])
        r["pdfURL"] = "%s/minutes/api/v1/detailPDF/img/%s" % (BASE, meeting["issueID"])
    return r


def meeting_record(meeting, speeches):
    r = dict(meeting)
    r["speechRecord"] = [speech_record(meeting, s, False) for s in speeches]
    r["meetingURL"] = "%s/txt/%s" % (BASE, meeting["issueID"])
    r["pdfURL"] = "%s/minutes/api/v1/detailPDF/img/%s" % (BASE, meeting["issueID"])
    return r


def page(total, start, key, records, maximum):
    nxt = start + len(records)
    p = {"numberOfRecords": total, "numberOfReturn": len(records), "startRecord": start}
    if nxt <= total:
        p["nextRecordPosition"] = nxt
    p[key] = records
    return p


def to_xml(p, key):
    out = ['<?xml version="1.0" encoding="UTF-8"?>', "<data>"]
    for k in ("numberOfRecords", "numberOfReturn", "startRecord", "nextRecordPosition"):
        if k in p:
            out.append("<%s>%s</%s>" % (k, p[k], k))
    out.append("<records>")

    def elem(k, v, ind):
        if isinstance(v, list):
            return "".join(elem(k, x, ind) for x in v)
        if isinstance(v, dict):
            inner = "".join(elem(kk, vv, ind + " ") for kk, vv in v.items())
            return "%s<%s>\n%s%s</%s>\n" % (ind, k, inner, ind, k)
        if v is None:
            return "%s<%s/>\n" % (ind, k)
        return "%s<%s>%s</%s>\n" % (ind, k, escape(str(v)), k)

    for r in p[key]:
        out.append("<record>\n<recordSchema>popenSearch</recordSchema>\n<recordPacking>xml</recordPacking>\n<recordData>")
        out.append(elem(key, r, "").rstrip("\n"))
        out.append("</recordData>\n<recordPosition>1</recordPosition>\n</record>")
    out.append("</records>")
    out.append("</data>")
    return "\n".join(out) + "\n"


def write(name, p, key):
    with open(name + ".json", "w") as f:
        json.dump(p, f, ensure_ascii=False, indent=1)
        f.write("\n")
    with open(name + ".xml", "w") as f:
        f.write(to_xml(p, key))


# The meeting endpoint, maximumRecords=1: meeting A, then B; page 2 gives
# A again, as a repeated fetch may.
write("meeting-1", page(2, 1, "meetingRecord", [meeting_record(A, A_SPEECHES)], 1), "meetingRecord")
write("meeting-2", page(2, 2, "meetingRecord", [meeting_record(B, B_SPEECHES), meeting_record(A, A_SPEECHES)], 1), "meetingRecord")
# The speech endpoint, maximumRecords=4: the speeches of both meetings,
# meeting A split over the two pages.
speeches = [speech_record(A, s, True) for s in A_SPEECHES[1:]] + [speech_record(B, s, True) for s in B_SPEECHES[1:]]
write("speech-1", page(len(speeches), 1, "speechRecord", speeches[:4], 4), "speechRecord")
write("speech-2", page(len(speeches), 5, "speechRecord", speeches[4:], 4), "speechRecord")
