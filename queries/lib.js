// lib.js: the helpers the canned queries share. It is not a query:
// `gijigraph query`, the REPL's :load and the server append it to every
// canned query. Its functions are declarations, which JavaScript hoists,
// so a query calls them from anywhere. Short IRIs ("skos:prefLabel") are
// expanded before the script runs.

// fold returns s as the helpers compare what a user typed: NFKC (full
// width becomes ASCII), lower case, without white space.
function fold(s) {
  return String(s).normalize("NFKC").toLowerCase().replace(/\s+/g, "");
}

// localName returns the last path segment of an IRI, decoded: the
// concept id, the person key, the meeting id.
function localName(iri) {
  var s = String(iri).replace(/>$/, "");
  s = s.slice(s.lastIndexOf("/") + 1);
  try {
    return decodeURIComponent(s);
  } catch (e) {
    return s;
  }
}

// yes reads a yes/no parameter.
function yes(v) {
  return /^(yes|y|true|1|on)$/i.test(String(v).trim());
}

// uniq returns the distinct values of xs, in the order first seen.
function uniq(xs) {
  var seen = {};
  return xs.filter(function (x) {
    var k = typeof x === "string" ? x : JSON.stringify(x);
    if (seen[k]) return false;
    seen[k] = true;
    return true;
  });
}

// notFound returns the error a helper throws when a parameter matches
// nothing: named NotFound, its message JSON {"kind", "name", "close"},
// close listing up to five names whose keys (keys: name → strings) come
// close to value, by the rules of the API's 404s: a key that contains
// it or is contained in it, else one within an edit distance of a third
// of its length. gijigraph reads the JSON back into the API's 404 and
// the REPL's message; the stock cayley CLI shows it as it is.
function notFound(kind, value, keys) {
  var want = fold(value);
  var scored = [];
  Object.keys(keys).forEach(function (name) {
    var best = -1;
    keys[name].forEach(function (k) {
      var fk = fold(k);
      if (fk === "" || want === "") return;
      var d = 0;
      if (fk.indexOf(want) < 0 && want.indexOf(fk) < 0) {
        var most = Math.max(1, Math.floor(Array.from(want).length / 3));
        d = editDistance(want, fk, most);
        if (d > most) return;
      }
      if (best < 0 || d < best) best = d;
    });
    if (best >= 0) scored.push({name: name, d: best});
  });
  scored.sort(function (a, b) { return a.d - b.d || cmp(a.name, b.name); });
  var close = scored.slice(0, 5).map(function (x) { return x.name; });
  var e = new Error(JSON.stringify({kind: kind, name: String(value), close: close}));
  e.name = "NotFound";
  return e;
}

// editDistance is the Levenshtein distance of a and b in code points, or
// most+1 once it must exceed most.
function editDistance(a, b, most) {
  a = Array.from(a);
  b = Array.from(b);
  if (Math.abs(a.length - b.length) > most) return most + 1;
  var prev = [];
  for (var j = 0; j <= b.length; j++) prev.push(j);
  for (var i = 1; i <= a.length; i++) {
    var cur = [i];
    var low = i;
    for (var j = 1; j <= b.length; j++) {
      var v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      cur.push(v);
      if (v < low) low = v;
    }
    if (low > most) return most + 1;
    prev = cur;
  }
  return prev[b.length];
}

// valueMap returns, for the nodes iris, the first value of each
// predicate in preds that a node has, preds in order of preference.
function valueMap(iris, preds) {
  var out = {};
  if (iris.length === 0) return out;
  for (var i = preds.length - 1; i >= 0; i--) {
    g.V.apply(g, iris).Tag("node").Out(preds[i]).TagArray().forEach(function (r) {
      out[r.node] = r.id;
    });
  }
  return out;
}

// namesOf returns the display name of each node: a person's or an
// organisation's foaf:name, a concept's, post's or role's skos:prefLabel,
// a meeting's schema:identifier.
function namesOf(iris) {
  return valueMap(uniq(iris), ["foaf:name", "skos:prefLabel", "schema:identifier", "schema:name"]);
}

// concepts resolves a concept parameter: an IRI, a concept id
// (ransomware), or a Japanese or English label or alias (ランサムウェア,
// Ransomware, ransomware attack), compared after fold. With narrower,
// every concept under it (skos:broader, followed recursively) comes too.
// It throws if nothing matches.
function concepts(value, narrower) {
  var want = fold(value);
  var found = [];
  var keys = {};
  g.V().Has("rdf:type", "skos:Concept").Tag("c")
    .Out(["skos:prefLabel", "gg:prefLabelEn", "skos:altLabel"]).Tag("label")
    .TagArray().forEach(function (r) {
      if (r.c === value || fold(localName(r.c)) === want || fold(r.label) === want) {
        found.push(r.c);
      }
      var id = localName(r.c);
      (keys[id] = keys[id] || [id]).push(r.label);
    });
  found = uniq(found);
  if (found.length === 0) {
    throw notFound("concept", value, keys);
  }
  if (narrower) {
    found = uniq(found.concat(g.V.apply(g, found).FollowRecursive(g.M().In("skos:broader")).ToArray()));
  }
  return found;
}

// person resolves a person parameter: an IRI, or a name as the minutes
// write it, spaces optional (坂井 学, 坂井学), or the person key. It
// throws if nobody matches.
function person(value) {
  var want = fold(value);
  var found = [];
  var keys = {};
  g.V().Has("rdf:type", "foaf:Person").Tag("p").Out("foaf:name").Tag("name")
    .TagArray().forEach(function (r) {
      if (r.p === value || fold(r.name) === want || fold(localName(r.p)) === want) {
        found.push(r.p);
      }
      keys[r.name] = [r.name];
    });
  found = uniq(found);
  if (found.length === 0) {
    throw notFound("person", value, keys);
  }
  return found[0];
}

// meetingInfo returns, for every meeting, {iri, id, date, number, name},
// sorted by date and id.
function meetingInfo() {
  var byIRI = {};
  g.V().Has("rdf:type", "schema:Event").Tag("m")
    .SaveOpt("schema:identifier", "ident").SaveOpt("schema:startDate", "date")
    .SaveOpt("gg:meetingNumber", "number").SaveOpt("schema:name", "name")
    .TagArray().forEach(function (r) {
      byIRI[r.m] = {iri: r.m, id: r.ident || localName(r.m), date: r.date || "", number: r.number, name: r.name || ""};
    });
  var out = Object.keys(byIRI).map(function (k) { return byIRI[k]; });
  out.sort(function (a, b) { return cmp(a.date, b.date) || cmp(a.id, b.id); });
  return out;
}

// meeting resolves a meeting parameter: an IRI, a meeting id
// (サイバーセキュリティ戦略本部-17), a date (2018-04-04) or a number (17).
// It throws if none or more than one meeting matches.
function meeting(value) {
  var want = fold(value);
  var all = meetingInfo();
  var found = all.filter(function (m) {
    return m.iri === value || fold(m.id) === want || m.date === value || String(m.number) === want;
  });
  if (found.length === 0) {
    var keys = {};
    all.forEach(function (m) { keys[m.id] = [m.id, m.date]; });
    throw notFound("meeting", value, keys);
  }
  if (found.length > 1) {
    var e = new Error(JSON.stringify(value) + " matches " + found.length + " meetings (" +
      found.map(function (m) { return m.id; }).join(", ") + "): give the id");
    e.name = "QueryError";
    throw e;
  }
  return found[0];
}

// speeches returns the speeches the path p (of speech nodes) ends at, as
// {iri, meeting, position, speaker, marker, section}: speaker is the
// person's IRI, or "" when the marker did not resolve.
function speeches(p) {
  var byIRI = {};
  p.Tag("s").Has("rdf:type", "opengov:Speech")
    .Save("bf:event", "meeting").SaveOpt("schema:position", "position")
    .SaveOpt("schema:creator", "speaker").SaveOpt("odrs:attributionText", "marker")
    .SaveOpt("gg:section", "section")
    .TagArray().forEach(function (r) {
      byIRI[r.s] = {iri: r.s, meeting: r.meeting, position: r.position || 0, speaker: r.speaker || "",
        marker: r.marker || "", section: r.section || ""};
    });
  return Object.keys(byIRI).map(function (k) { return byIRI[k]; });
}

// speakerName is a speech's speaker as a row shows it: the name, or
// the marker as written when it did not resolve.
function speakerName(s, names) {
  return s.speaker ? names[s.speaker] || localName(s.speaker) : s.marker;
}

// mentionCounts returns, for each speech or agenda item in iris, how
// many times it mentions each concept: {item: {concept: count}}.
function mentionCounts(iris) {
  var out = {};
  iris.forEach(function (s) { out[s] = {}; });
  if (iris.length === 0) return out;
  var seen = {};
  g.V.apply(g, iris).Tag("s").Out("gg:mention").Tag("mention").Out("schema:about").TagArray().forEach(function (r) {
    if (seen[r.mention]) return;
    seen[r.mention] = true;
    out[r.s][r.id] = (out[r.s][r.id] || 0) + 1;
  });
  return out;
}

// addCounts adds the counts of from to into, and returns into.
function addCounts(into, from) {
  Object.keys(from || {}).forEach(function (k) { into[k] = (into[k] || 0) + from[k]; });
  return into;
}

// labels joins the names of iris with ", ": with counts ({iri: n}),
// most counted first, else by name.
function labels(iris, names, counts) {
  var xs = uniq(iris).slice();
  xs.sort(function (a, b) {
    return (counts ? counts[b] - counts[a] : 0) || cmp(names[a] || a, names[b] || b);
  });
  return xs.map(function (x) { return names[x] || localName(x); }).join(", ");
}

// counted is labels for a {iri: n} map: its keys, most counted first.
function counted(counts, names) {
  return labels(Object.keys(counts || {}), names, counts);
}

// cmp compares two strings or numbers, for sort.
function cmp(a, b) {
  return a < b ? -1 : a > b ? 1 : 0;
}
