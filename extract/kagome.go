package extract

import (
	"sync"

	"github.com/ikawaha/kagome-dict/ipa"
	"github.com/ikawaha/kagome/v2/tokenizer"
)

// ipaTokenizer returns the shared kagome tokenizer with the IPA
// dictionary. Loading the dictionary takes a noticeable fraction of a
// second, so it happens once, on first use.
var ipaTokenizer = sync.OnceValue(func() *tokenizer.Tokenizer {
	t, err := tokenizer.New(ipa.Dict(), tokenizer.OmitBosEos())
	if err != nil {
		// The dictionary is compiled into the binary; failing to load it
		// is a build defect, not an input error.
		panic("extract: loading the kagome IPA dictionary: " + err.Error())
	}
	return t
})
