module github.com/gijigraph/gijigraph/bench/pdfcompare

go 1.26.8

require github.com/gijigraph/gijigraph v0.0.0

require (
	github.com/ikawaha/kagome-dict v1.1.7 // indirect
	github.com/ikawaha/kagome-dict/ipa v1.2.6 // indirect
	github.com/ikawaha/kagome/v2 v2.10.3 // indirect
	golang.org/x/net v0.62.0 // indirect
	golang.org/x/text v0.43.0 // indirect
	gopkg.in/yaml.v3 v3.0.1 // indirect
	rsc.io/pdf v0.1.1
)

replace github.com/gijigraph/gijigraph => ../..
