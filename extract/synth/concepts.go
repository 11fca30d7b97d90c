package synth

import (
	"fmt"
	"math/rand/v2"
	"os"
	"strings"
	"unicode/utf8"

	"gopkg.in/yaml.v3"
)

// ConceptSurface is one concept of the concept list with the surfaces it
// may be written as. Speeches draw concepts with a Zipf law and write one
// of the surfaces: mostly Ja, often an alias, rarely En.
type ConceptSurface struct {
	ID      string
	Type    string // malware, incident, attack-technique, organisation, ...
	Ja      string
	En      string
	Aliases []string
}

// conceptFile is the part of seeds/concepts.yaml synth reads.
type conceptFile struct {
	Concepts []struct {
		ID      string   `yaml:"id"`
		Type    string   `yaml:"type"`
		Ja      string   `yaml:"ja"`
		En      string   `yaml:"en"`
		Aliases []string `yaml:"aliases"`
	} `yaml:"concepts"`
}

// LoadConcepts reads a concept list in the format of seeds/concepts.yaml.
func LoadConcepts(path string) ([]ConceptSurface, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("synth: %w", err)
	}
	cs, err := ParseConcepts(data)
	if err != nil {
		return nil, fmt.Errorf("synth: %s: %w", path, err)
	}
	return cs, nil
}

// ParseConcepts parses a concept list in the format of seeds/concepts.yaml.
func ParseConcepts(data []byte) ([]ConceptSurface, error) {
	var f conceptFile
	if err := yaml.Unmarshal(data, &f); err != nil {
		return nil, err
	}
	cs := make([]ConceptSurface, 0, len(f.Concepts))
	for _, c := range f.Concepts {
		if c.ID == "" {
			continue
		}
		cs = append(cs, ConceptSurface{ID: c.ID, Type: c.Type, Ja: c.Ja, En: c.En, Aliases: c.Aliases})
	}
	if len(cs) == 0 {
		return nil, fmt.Errorf("no concepts")
	}
	return cs, nil
}

// usableSurface reports whether s can be written into a speech without
// changing the structure of the minutes.
func usableSurface(s string) bool {
	if s == "" || utf8.RuneCountInString(s) > 40 || !utf8.ValidString(s) {
		return false
	}
	// Markers, headings and bullets must only come from the generator.
	return !strings.ContainsAny(s, "○〇◯【】\n\r\t") && !strings.HasPrefix(s, "・")
}

// usableConcepts keeps the usable surfaces of each concept and drops
// concepts left without any.
func usableConcepts(in []ConceptSurface) []ConceptSurface {
	var out []ConceptSurface
	for _, c := range in {
		if !usableSurface(c.Ja) {
			c.Ja = ""
		}
		if !usableSurface(c.En) || c.En == c.Ja {
			c.En = ""
		}
		var as []string
		for _, a := range c.Aliases {
			if usableSurface(a) && a != c.Ja && a != c.En {
				as = append(as, a)
			}
		}
		c.Aliases = as
		if c.Ja == "" && c.En == "" && len(as) == 0 {
			continue
		}
		out = append(out, c)
	}
	return out
}

// BuiltinConcepts is a small concept list used when none is given.
func BuiltinConcepts() []ConceptSurface {
	return []ConceptSurface{
		{ID: "ransomware", Type: "malware", Ja: "ランサムウェア", En: "Ransomware", Aliases: []string{"ランサムウエア", "身代金要求型ウイルス"}},
		{ID: "malware", Type: "malware", Ja: "マルウェア", En: "Malware", Aliases: []string{"不正プログラム"}},
		{ID: "wannacry", Type: "malware", Ja: "WannaCry", Aliases: []string{"ワナクライ"}},
		{ID: "emotet", Type: "malware", Ja: "Emotet", Aliases: []string{"エモテット"}},
		{ID: "ddos-attack", Type: "attack-technique", Ja: "DDoS攻撃", En: "DDoS attack", Aliases: []string{"分散型サービス妨害攻撃"}},
		{ID: "supply-chain-attack", Type: "attack-technique", Ja: "サプライチェーン攻撃"},
		{ID: "targeted-attack", Type: "attack-technique", Ja: "標的型攻撃", Aliases: []string{"標的型メール攻撃"}},
		{ID: "phishing", Type: "attack-technique", Ja: "フィッシング", Aliases: []string{"フィッシング詐欺"}},
		{ID: "zero-day-attack", Type: "attack-technique", Ja: "ゼロデイ攻撃"},
		{ID: "colonial-pipeline-incident", Type: "incident", Ja: "コロニアル・パイプライン事案", Aliases: []string{"コロニアル・パイプライン社の事案"}},
		{ID: "log4shell", Type: "incident", Ja: "Log4Shell", Aliases: []string{"Log4jの脆弱性"}},
		{ID: "nisc", Type: "organisation", Ja: "内閣サイバーセキュリティセンター", En: "NISC", Aliases: []string{"NISC"}},
		{ID: "npa", Type: "organisation", Ja: "警察庁"},
		{ID: "jpcert-cc", Type: "organisation", Ja: "JPCERTコーディネーションセンター", Aliases: []string{"JPCERT/CC"}},
		{ID: "nict", Type: "organisation", Ja: "情報通信研究機構", En: "NICT", Aliases: []string{"NICT"}},
		{ID: "keidanren", Type: "organisation", Ja: "経団連", Aliases: []string{"日本経済団体連合会"}},
		{ID: "united-states", Type: "country-region", Ja: "米国", Aliases: []string{"アメリカ"}},
		{ID: "united-kingdom", Type: "country-region", Ja: "英国", Aliases: []string{"イギリス"}},
		{ID: "china", Type: "country-region", Ja: "中国"},
		{ID: "asean", Type: "organisation", Ja: "ASEAN", Aliases: []string{"東南アジア諸国連合"}},
		{ID: "cybersecurity-basic-act", Type: "law-policy", Ja: "サイバーセキュリティ基本法"},
		{ID: "cybersecurity-strategy", Type: "law-policy", Ja: "サイバーセキュリティ戦略"},
		{ID: "common-standards", Type: "law-policy", Ja: "政府機関等の情報セキュリティ対策のための統一基準群", Aliases: []string{"統一基準群"}},
		{ID: "ci-action-plan", Type: "law-policy", Ja: "重要インフラ行動計画"},
		{ID: "ismap", Type: "programme", Ja: "政府情報システムのためのセキュリティ評価制度", Aliases: []string{"ISMAP"}},
		{ID: "cybersecurity-month", Type: "programme", Ja: "サイバーセキュリティ月間"},
		{ID: "cyder", Type: "programme", Ja: "実践的サイバー防御演習", Aliases: []string{"CYDER"}},
		{ID: "iot", Type: "technology", Ja: "IoT", Aliases: []string{"モノのインターネット"}},
		{ID: "ai", Type: "technology", Ja: "AI", Aliases: []string{"人工知能"}},
		{ID: "cloud", Type: "technology", Ja: "クラウド", Aliases: []string{"クラウドサービス"}},
		{ID: "zero-trust-architecture", Type: "technology", Ja: "ゼロトラストアーキテクチャ"},
		{ID: "sbom", Type: "technology", Ja: "SBOM", Aliases: []string{"ソフトウェア部品表"}},
		{ID: "5g", Type: "technology", Ja: "5G", Aliases: []string{"第5世代移動通信システム"}},
		{ID: "tokyo-2020", Type: "event", Ja: "東京オリンピック・パラリンピック競技大会", Aliases: []string{"東京大会"}},
		{ID: "critical-infrastructure", Type: "theme", Ja: "重要インフラ"},
		{ID: "human-resource-development", Type: "theme", Ja: "人材育成"},
		{ID: "information-sharing", Type: "theme", Ja: "情報共有"},
		{ID: "supply-chain", Type: "theme", Ja: "サプライチェーン"},
		{ID: "public-private-partnership", Type: "theme", Ja: "官民連携"},
		{ID: "vulnerability", Type: "theme", Ja: "脆弱性"},
		{ID: "resilience", Type: "theme", Ja: "レジリエンス"},
		{ID: "dx", Type: "theme", Ja: "デジタルトランスフォーメーション", En: "DX", Aliases: []string{"DX"}},
		{ID: "economic-security", Type: "theme", Ja: "経済安全保障"},
		{ID: "active-cyber-defense", Type: "theme", Ja: "能動的サイバー防御"},
	}
}

// surfaceSet is the surfaces of one concept with their weights: mostly
// the Japanese label, often a Japanese alias, sometimes an acronym
// (NISC, SBOM), rarely an English phrase.
type surfaceSet struct {
	s   []string
	cum []float64
}

func newSurfaceSet(c ConceptSurface) surfaceSet {
	var ja, alt, short, long []string
	latin := func(s string) bool {
		for i := 0; i < len(s); i++ {
			if s[i] >= 0x80 {
				return false
			}
		}
		return true
	}
	put := func(s string) {
		switch {
		case !latin(s):
			alt = append(alt, s)
		case len(s) <= 8 && !strings.Contains(s, " "):
			short = append(short, s)
		default:
			long = append(long, s)
		}
	}
	if c.Ja != "" && (!latin(c.Ja) || len(c.Ja) <= 12) {
		ja = append(ja, c.Ja)
	} else if c.Ja != "" {
		put(c.Ja)
	}
	for _, a := range c.Aliases {
		put(a)
	}
	if c.En != "" {
		put(c.En)
	}
	var set surfaceSet
	total := 0.0
	for _, g := range []struct {
		ss []string
		w  float64
	}{{ja, 0.6}, {alt, 0.28}, {short, 0.1}, {long, 0.02}} {
		for _, s := range g.ss {
			total += g.w / float64(len(g.ss))
			set.s = append(set.s, s)
			set.cum = append(set.cum, total)
		}
	}
	for i := range set.cum {
		set.cum[i] /= total
	}
	return set
}

func (set *surfaceSet) draw(r *rand.Rand) string {
	x := r.Float64()
	for i, c := range set.cum {
		if x < c {
			return set.s[i]
		}
	}
	return set.s[len(set.s)-1]
}
