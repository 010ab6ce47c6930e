package rules_test

import (
	"fmt"

	"github.com/feedguard/feedguard/rules"
)

func Example() {
	pack, err := rules.ParsePack("demo.yaml", []byte(`
pack: demo
rules:
  - id: demo.swear
    category: profanity
    severity: medium
    gloss: a strong swear word
    terms: [fuck]
  - id: demo.sb
    category: harassment
    severity: medium
    gloss: pinyin initialism of an insult, only in Chinese
    terms: [sb]
    languages: [zh]
`))
	if err != nil {
		fmt.Println(err)
		return
	}
	set, err := rules.Compile(pack)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, text := range []string{"ＦＵＣＫ this", "ask sb for help", "你是SB吗"} {
		lang := "en"
		if text == "你是SB吗" {
			lang = "zh-Hans"
		}
		for _, m := range set.Find(text, rules.FindOptions{Language: lang}) {
			fmt.Printf("%s %q at %d:%d via %v\n", m.RuleID, m.Text, m.Start, m.End, m.Steps)
		}
	}
	// Output:
	// demo.swear "ＦＵＣＫ" at 0:12 via [width case]
	// demo.sb "SB" at 6:8 via [case]
}

func ExampleParsePack_errors() {
	_, err := rules.ParsePack("bad.yaml", []byte(`
pack: bad
rules:
  - id: x
    category: rudeness
    severity: 7
    terms: []
`))
	fmt.Println(err)
	// Output:
	// rules: 3 problems:
	// 	bad.yaml:5:15: rule "x": unknown category "rudeness" (known: harassment, harassment/threatening, hate, hate/threatening, sexual, sexual/minors, violence, violence/graphic, self-harm, self-harm/intent, self-harm/instructions, illicit, illicit/violent, extremism, profanity, spam, spam/engagement-bait, scam, off-platform, personal-data, advertising/undisclosed)
	// 	bad.yaml:6:15: rule "x": severity "7" is not one of 1-5 or note, low, medium, high, critical
	// 	bad.yaml:7:12: rule "x": terms is empty
}
