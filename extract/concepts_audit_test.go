package extract

import (
	"slices"
	"strings"
	"testing"
)

// The audit of the links between concepts in seeds/concepts.yaml
// (docs/concepts.md, "Broader and related"). In SKOS, broader means "is
// a kind of" (or an instance of); for organisations, regions, laws and
// sectors it may mean "is a part of"; anything else is an association,
// skos:related, which narrower=true does not follow. Each link is
// decided here; a link added to the list without a decision fails
// TestConceptLinksAudited.
const (
	kindOf  = "kind"    // broader: is a kind of, or an instance of
	partOf  = "part"    // broader: is a part of
	related = "related" // related: an association
)

var conceptLinks = []struct{ from, to, decision, why string }{
	{"ransomware", "malware", kindOf, ""},
	{"wannacry", "ransomware", kindOf, "a ransomware family"},
	{"notpetya", "ransomware", kindOf, ""},
	{"bad-rabbit", "ransomware", kindOf, ""},
	{"botnet", "malware", kindOf, "bot malware networked"},
	{"emotet", "malware", kindOf, ""},
	{"emotet", "botnet", kindOf, "the Emotet botnet"},
	{"ddos", "cyberattack", kindOf, ""},
	{"reflection-amplification-attack", "ddos", kindOf, ""},
	{"cryptojacking", "cyberattack", kindOf, ""},
	{"targeted-attack", "cyberattack", kindOf, ""},
	{"apt", "targeted-attack", kindOf, ""},
	{"phishing", "cyberattack", kindOf, ""},
	{"supply-chain-attack", "cyberattack", kindOf, ""},
	{"supply-chain-attack", "supply-chain", related, "an attack through a supply chain is not a kind of supply chain"},
	{"zero-day", "cyberattack", kindOf, ""},
	{"zero-day", "vulnerability", related, "the attack exploits a vulnerability; it is not one"},
	{"state-sponsored-attack", "cyberattack", kindOf, ""},
	{"large-scale-cyberattack", "cyberattack", kindOf, ""},
	{"cyber-espionage", "cyberattack", kindOf, ""},
	{"colonial-pipeline", "ransomware", related, "an incident in which ransomware was used, not a kind of the malware"},
	{"solarwinds", "supply-chain-attack", kindOf, "an instance of a supply-chain attack"},
	{"log4shell", "vulnerability", kindOf, "an instance: a vulnerability (CVE-2021-44228)"},
	{"nagoya-port-2023", "ransomware", related, "an incident, not a kind of the malware"},
	{"mangamura", "piracy-sites", kindOf, "an instance: a piracy site"},
	{"npa-cyber-bureau", "npa", partOf, "a bureau of the National Police Agency"},
	{"npa-cyber-unit", "npa", partOf, ""},
	{"jsdf-cyber-protection-units", "jsdf", partOf, ""},
	{"jsdf-cyber-defense-command", "jsdf-cyber-protection-units", partOf, ""},
	{"isac", "information-sharing", related, "an organisation that shares information, not a kind of sharing"},
	{"gsoc", "soc", kindOf, "the government's SOC"},
	{"crypto-exchanges", "cryptocurrency", related, "businesses that trade it"},
	{"un-gge", "un", partOf, ""},
	{"un-oewg", "un", partOf, ""},
	{"nato-ccdcoe", "nato", partOf, "a NATO-accredited centre"},
	{"lazarus", "apt", related, "a group behind APT attacks, not a kind of attack"},
	{"mirrorface", "apt", related, "a group behind APT attacks, not a kind of attack"},
	{"southeast-asia", "asia", partOf, ""},
	{"central-asia", "asia", partOf, ""},
	{"next-cybersecurity-strategy", "cybersecurity-strategy", kindOf, "a strategy of that series"},
	{"it-procurement-agreement", "government-procurement", related, "an agreement about it"},
	{"keidanren-declaration", "cybersecurity-management", related, "a declaration about it"},
	{"cybersecurity-basic-act-amendment-2018", "cybersecurity-basic-act", related, "an amending act is neither a kind nor a part of the act"},
	{"telecom-nict-acts-amendment-2018", "telecommunications-business-act", related, "an amending act"},
	{"telecom-nict-acts-amendment-2018", "nict-act", related, "an amending act"},
	{"limited-provision-data", "unfair-competition-prevention-act", partOf, "a category the act defines"},
	{"active-cyber-defence-act", "active-cyber-defence", related, "the act that enables it"},
	{"japan-position-international-law", "international-law", related, "a position on it, not international law"},
	{"cross-sector-exercise", "cyber-exercises", kindOf, ""},
	{"cyder", "cyber-exercises", kindOf, ""},
	{"cyber-dialogues", "cyber-diplomacy", kindOf, "a form of it"},
	{"ics-incident-investigation", "control-systems", related, "a function about them"},
	{"cryptrec", "cryptography", related, "a programme that evaluates it"},
	{"generative-ai", "ai", kindOf, ""},
	{"m2m", "iot", kindOf, ""},
	{"cloud-security", "cloud", related, "security of the cloud is not a kind of cloud"},
	{"zero-trust-architecture", "zero-trust", kindOf, ""},
	{"quantum-cryptography", "cryptography", kindOf, ""},
	{"post-quantum-cryptography", "cryptography", kindOf, ""},
	{"tokyo-2020", "olympics", kindOf, "an instance"},
	{"pyeongchang-2018", "olympics", kindOf, "an instance"},
	{"dx", "digitalisation", kindOf, ""},
	{"dx-with-cybersecurity", "dx", related, "a policy slogan about DX"},
	{"piracy-sites", "intellectual-property", related, "they infringe it"},
	{"ransom-payment", "ransomware", related, "paying a ransom is not a kind of ransomware (issue 14)"},
	{"economic-security", "national-security", kindOf, ""},
	{"international-joint-operations", "international-cooperation", kindOf, ""},
	{"cyber-diplomacy", "international-cooperation", kindOf, ""},
	{"confidence-building-measures", "cyber-diplomacy", kindOf, "an instrument of it"},
	{"capacity-building", "cyber-diplomacy", kindOf, "an instrument of it"},
	{"healthcare-sector", "critical-infrastructure", partOf, "a critical-infrastructure sector"},
	{"electricity-sector", "critical-infrastructure", partOf, ""},
	{"gas-sector", "critical-infrastructure", partOf, ""},
	{"railway-sector", "critical-infrastructure", partOf, ""},
	{"aviation-sector", "critical-infrastructure", partOf, ""},
	{"finance-sector", "critical-infrastructure", partOf, ""},
	{"telecommunications-sector", "critical-infrastructure", partOf, ""},
	{"trusted-telecom", "telecommunications-sector", related, "a quality of its networks"},
	{"software-supply-chain", "supply-chain", kindOf, ""},
	{"cybersecurity-management", "executive-management", related, "management's task, not a kind of executive"},
	{"ciso", "executive-management", kindOf, "an executive"},
	{"cdo", "executive-management", kindOf, "an executive"},
	{"cio", "executive-management", kindOf, "an executive"},
	{"white-hat-hackers", "hackers", kindOf, ""},
	{"managed-security-services", "security-industry", partOf, "a segment of the industry"},
}

// TestConceptLinksAudited: every broader and related link of the list is
// the audit's decision, and every decision is in the list.
func TestConceptLinksAudited(t *testing.T) {
	c, err := LoadConcepts("../seeds/concepts.yaml")
	if err != nil {
		t.Fatal(err)
	}
	decided := map[[2]string]string{}
	for _, l := range conceptLinks {
		decided[[2]string{l.from, l.to}] = l.decision
	}
	have := map[[2]string]string{}
	for _, k := range c.List() {
		for _, b := range k.Broader {
			have[[2]string{k.ID, b}] = "broader"
		}
		for _, r := range k.Related {
			have[[2]string{k.ID, r}] = "related"
		}
	}
	for link, d := range decided {
		want := "broader"
		if d == related {
			want = "related"
		}
		if have[link] != want {
			t.Errorf("%s → %s: the audit says %s (%s), the list has %q", link[0], link[1], d, want, have[link])
		}
	}
	var unaudited []string
	for link, kind := range have {
		if _, ok := decided[link]; !ok {
			unaudited = append(unaudited, kind+" "+link[0]+" → "+link[1])
		}
	}
	slices.Sort(unaudited)
	if len(unaudited) > 0 {
		t.Errorf("links without a decision in conceptLinks (is it a kind, a part, or related?):\n%s", strings.Join(unaudited, "\n"))
	}
	// Parts only where parts make sense.
	for _, l := range conceptLinks {
		if l.decision != partOf {
			continue
		}
		k, _ := c.Lookup(l.from)
		if !slices.Contains([]string{"organisation", "country-region", "law-policy", "theme"}, k.Type) {
			t.Errorf("%s (%s) is part of %s: parts are for organisations, regions, laws and sectors", l.from, k.Type, l.to)
		}
	}
}

// TestRelatedChecked: related ids must exist, not be the concept, and
// not also be broader.
func TestRelatedChecked(t *testing.T) {
	for _, tc := range []struct{ yaml, want string }{
		{"    related: [nothing]\n", `related concept "nothing" does not exist`},
		{"    related: [a]\n", `concept "a" lists itself as related`},
		{"    broader: [b]\n    related: [b]\n", `"b" is both broader and related`},
	} {
		src := "version: 1\nconcepts:\n  - id: b\n    type: theme\n    ja: ベータ\n  - id: a\n    type: theme\n    ja: アルファ\n" + tc.yaml
		_, err := ParseConcepts("test.yaml", []byte(src))
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%q: %v, want %q", tc.yaml, err, tc.want)
		}
	}
}
