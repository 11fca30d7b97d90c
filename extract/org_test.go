package extract

import "testing"

func TestOrgOf(t *testing.T) {
	for _, tc := range []struct{ title, org, kind string }{
		{"内閣官房長官", "内閣官房", OrgCabinet},
		{"総務副大臣", "総務省", OrgMinistry},
		{"総務大臣", "総務省", OrgMinistry},
		{"外務大臣政務官", "外務省", OrgMinistry},
		{"内閣府副大臣", "内閣府", OrgMinistry},
		{"国家公安委員会委員長", "国家公安委員会", OrgAgency},
		{"内閣サイバーセキュリティセンター長", "内閣サイバーセキュリティセンター", OrgCabinet},
		{"日本電気株式会社代表取締役会長", "日本電気株式会社", OrgCompany},
		{"ＫＤＤＩ株式会社取締役相談役", "KDDI株式会社", OrgCompany},
		{"KDDI株式会社代表取締役会長", "KDDI株式会社", OrgCompany},
		{"株式会社イプシ・マーケティング研究所代表取締役社長", "株式会社イプシ・マーケティング研究所", OrgCompany},
		{"株式会社デジタルハーツホールディングス取締役会長", "株式会社デジタルハーツホールディングス", OrgCompany},
		{"東京大学大学院法学政治学研究科教授", "東京大学", OrgUniversity},
		{"情報セキュリティ大学院大学教授", "情報セキュリティ大学院大学", OrgUniversity},
		{"慶應義塾大学環境情報学部教授 大学院政策・メディア研究科委員長", "慶應義塾大学", OrgUniversity},
		{"東京オリンピック競技大会・東京パラリンピック競技大会担当大臣", "内閣官房", OrgCabinet},
		{"デジタル改革担当・情報通信技術（IT）政策担当大臣", "内閣官房", OrgCabinet},
		{"デジタル大臣", "デジタル庁", OrgMinistry},
		{"警察庁長官", "警察庁", OrgAgency},
		{"総務省サイバーセキュリティ統括官", "総務省", OrgMinistry},
		{"内閣情報通信政策監", "内閣官房", OrgCabinet},
		{"一般社団法人日本経済団体連合会会長", "一般社団法人日本経済団体連合会", OrgAssociation},
		{"国立研究開発法人情報通信研究機構理事長", "国立研究開発法人情報通信研究機構", OrgAssociation},
		{"日本銀行総裁", "日本銀行", OrgAssociation},
		{"作家", "", ""},
		{"内閣審議官", "内閣官房", OrgCabinet},
		{"内閣府政策統括官", "内閣府", OrgMinistry},
	} {
		org, kind := orgOf(tc.title)
		if org != tc.org || kind != tc.kind {
			t.Errorf("orgOf(%q) = %q, %q; want %q, %q", tc.title, org, kind, tc.org, tc.kind)
		}
	}
}

func TestOrgOfEntities(t *testing.T) {
	for _, tc := range []struct{ title, org string }{
		{"一般社団法人日本経済団体連合会サイバーセキュリティ委員会委員長", "一般社団法人日本経済団体連合会"},
		{"一般社団法人全国地方銀行協会業務部長", "一般社団法人全国地方銀行協会"},
		{"弁理士法人長谷川国際特許事務所所長", "弁理士法人長谷川国際特許事務所"},
		{"内閣サイバーセキュリティセンター副センター長", "内閣サイバーセキュリティセンター"},
		{"内閣サイバーセキュリティセンター内閣審議官", "内閣サイバーセキュリティセンター"},
		{"ソニーグループ株式会社執行役専務", "ソニーグループ株式会社"},
	} {
		if org, _ := orgOf(tc.title); org != tc.org {
			t.Errorf("orgOf(%q) = %q, want %q", tc.title, org, tc.org)
		}
	}
}

func TestOrgOfPosts(t *testing.T) {
	for _, tc := range []struct{ title, org string }{
		{"株式会社東洋セキュアテック特別顧問", "株式会社東洋セキュアテック"},
		{"国立情報学研究所副所長", "国立情報学研究所"},
		{"さくら法律事務所弁護士", "さくら法律事務所"},
		{"西村あさひ法律事務所パートナー弁護士", "西村あさひ法律事務所"},
		{"九州大学サイバーセキュリティセンター教授", "九州大学"},
	} {
		if org, _ := orgOf(tc.title); org != tc.org {
			t.Errorf("orgOf(%q) = %q, want %q", tc.title, org, tc.org)
		}
	}
}
