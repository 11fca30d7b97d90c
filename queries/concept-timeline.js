// concept-timeline: a concept's mentions over meetings, by date.
//
// One row per meeting whose speeches or agenda mention the concept, or
// with narrower=yes a concept under it: how many mentions, in how many
// speeches and agenda items, and who spoke them, most mentions first.
// Meetings without a mention are left out.
//
// @param concept   the concept: its id (ransomware), a Japanese or English label or an alias, any case (required)
// @param narrower  yes to take in narrower concepts, no for the concept alone (default yes)
// @example concept=ransomware
// @example concept=サプライチェーン

var targets = concepts(params.concept, yes(params.narrower));
var meetings = {};
meetingInfo().forEach(function (m) { meetings[m.iri] = m; });

// Every mention node of the concepts, with the speech or agenda item it
// stands in and that item's meeting.
var rows = {};
var speakers = [];
var seen = {};
g.V.apply(g, targets).In("schema:about").Tag("mention").In("gg:mention").Tag("item")
  .Save("bf:event", "meeting").SaveOpt("schema:creator", "speaker")
  .TagArray().forEach(function (r) {
    if (seen[r.mention]) return;
    seen[r.mention] = true;
    var row = rows[r.meeting] = rows[r.meeting] || {mentions: 0, items: {}, speakers: {}};
    row.mentions++;
    row.items[r.item] = true;
    if (r.speaker) {
      row.speakers[r.speaker] = (row.speakers[r.speaker] || 0) + 1;
      speakers.push(r.speaker);
    }
  });

var names = namesOf(speakers);
var ms = Object.keys(rows);
ms.sort(function (a, b) { return cmp(meetings[a].date, meetings[b].date) || cmp(meetings[a].id, meetings[b].id); });
ms.forEach(function (m) {
  var row = rows[m];
  g.Emit({
    date: meetings[m].date,
    meeting: meetings[m].id,
    mentions: row.mentions,
    items: Object.keys(row.items).length,
    speakers: labels(Object.keys(row.speakers), names, row.speakers),
  });
});
