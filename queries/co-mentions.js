// co-mentions: concepts raised in the same speech as a given concept, ranked.
//
// Takes the speeches that mention the concept (with narrower=yes, or a
// concept under it) and ranks the other concepts those speeches mention
// by the number of such speeches, then by mentions in them. Each row
// gives the concept, its type, both counts and the speakers.
//
// @param concept   the concept: its id (ransomware), a Japanese or English label or an alias, any case (required)
// @param narrower  yes to take in narrower concepts, no for the concept alone (default yes)
// @example concept=ransomware
// @example concept=WannaCry

var targets = concepts(params.concept, yes(params.narrower));
var said = speeches(g.V.apply(g, targets).In("schema:mentions"));
var bySpeech = {};
said.forEach(function (s) { bySpeech[s.iri] = s; });

// Every mention in those speeches, counted by concept.
var stats = {};
var speakerIRIs = [];
var seen = {};
if (said.length > 0) {
  g.V.apply(g, Object.keys(bySpeech)).Tag("speech").Out("gg:mention").Tag("mention").Out("schema:about")
    .TagArray().forEach(function (r) {
      if (targets.indexOf(r.id) >= 0 || seen[r.mention]) return;
      seen[r.mention] = true;
      var st = stats[r.id] = stats[r.id] || {speeches: {}, mentions: 0, speakers: {}};
      st.speeches[r.speech] = true;
      st.mentions++;
      var who = bySpeech[r.speech].speaker;
      if (who) {
        st.speakers[who] = true;
        speakerIRIs.push(who);
      }
    });
}

var cs = Object.keys(stats);
var names = namesOf(cs.concat(speakerIRIs));
var types = valueMap(cs, ["gg:conceptType"]);
cs.forEach(function (c) { stats[c].n = Object.keys(stats[c].speeches).length; });
cs.sort(function (a, b) {
  return stats[b].n - stats[a].n || stats[b].mentions - stats[a].mentions || cmp(names[a], names[b]);
});
cs.forEach(function (c) {
  g.Emit({
    concept: names[c],
    type: types[c] || "",
    speeches: stats[c].n,
    mentions: stats[c].mentions,
    speakers: labels(Object.keys(stats[c].speakers), names),
  });
});
