// Command gen writes the n-gram tables of package ngram from the language
// models that github.com/pemistahl/lingua-go ships in its module
// (language-models/<iso>/<order>s.pb.bin.zip, Apache-2.0).
//
// For one group of languages that share a script it writes:
//
//   - a DEFLATE-compressed binary file (-o) with the alphabet of the group,
//     the number of letters each language was trained on and, for every
//     n-gram order from 1 to 5, the sorted union of the n-grams of all
//     languages of the group (each as the length of the prefix it shares
//     with the previous one, then the rest of its letter codes), a 16-bit
//     mask of the languages that know each n-gram, and the training count
//     behind each of those languages' probability, as a varint. lingua's
//     probability of an n-gram is its count over the count of its prefix
//     (over the number of letters for unigrams); gen recovers the counts
//     and checks that they reproduce every probability exactly, and they
//     compress far better than the probabilities;
//   - a Go file (-rules) that embeds the binary file, with the language list
//     of the group and lingua's rules that decide or narrow the language by
//     letters unique to one language (Language.uniqueCharacters) or shared
//     by a few (charsToLanguagesMapping), read from lingua's source.
//
// Usage (from the package directory, see the go:generate line in ngram.go):
//
//	go run ./gen -langs en,es,fr,de,pt,vi,id,it,tr -name latin -o latin.bin -rules latin_rules.go
package main

import (
	"archive/zip"
	"bytes"
	"cmp"
	"compress/flate"
	"encoding/binary"
	"flag"
	"fmt"
	"go/ast"
	"go/format"
	"go/parser"
	"go/token"
	"io"
	"log"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/pemistahl/lingua-go"
	"github.com/pemistahl/lingua-go/serialization"
	"google.golang.org/protobuf/proto"
)

const maxOrder = 5

var orderNames = [maxOrder + 1]string{"", "unigram", "bigram", "trigram", "quadrigram", "fivegram"}

func main() {
	langsFlag := flag.String("langs", "en,es,fr,de,pt,vi,id,it,tr", "ISO 639-1 codes of the languages of the group, comma-separated")
	dir := flag.String("lingua", "", "lingua-go module directory (default: from go list -m)")
	out := flag.String("o", "latin.bin", "output binary table file")
	rules := flag.String("rules", "latin_rules.go", "output Go file with the rule tables")
	name := flag.String("name", "latin", "name of the group in the generated Go file")
	flag.Parse()

	if *dir == "" {
		b, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", "github.com/pemistahl/lingua-go").Output()
		if err != nil {
			log.Fatalf("locating lingua-go: %v", err)
		}
		*dir = strings.TrimSpace(string(b))
	}
	isos := strings.Split(*langsFlag, ",")
	if len(isos) < 2 || len(isos) > 16 {
		log.Fatalf("need 2 to 16 languages, got %d", len(isos))
	}

	// models[lang][order] maps an n-gram to its probability.
	models := make([][maxOrder + 1]map[string]float64, len(isos))
	alphabet := map[rune]bool{}
	for li, iso := range isos {
		for n := 1; n <= maxOrder; n++ {
			m, err := readModel(*dir, iso, n)
			if err != nil {
				log.Fatal(err)
			}
			models[li][n] = m
			for g := range m {
				for _, r := range g {
					alphabet[r] = true
				}
			}
		}
	}
	runes := make([]rune, 0, len(alphabet))
	for r := range alphabet {
		runes = append(runes, r)
	}
	slices.Sort(runes)
	if len(runes) > 255 {
		log.Fatalf("alphabet of %d letters does not fit one byte per letter", len(runes))
	}
	code := map[rune]byte{}
	for i, r := range runes {
		code[r] = byte(i + 1)
	}

	// Recover the training counts behind the probabilities: lingua's
	// probability of an n-gram is its count divided by the count of its
	// (n-1)-letter prefix, or by the number of letters for unigrams.
	totals := make([]int64, len(isos))
	counts := make([][maxOrder + 1]map[string]int64, len(isos))
	for li, iso := range isos {
		var err error
		totals[li], counts[li], err = recoverCounts(models[li])
		if err != nil {
			log.Fatalf("%s: %v", iso, err)
		}
	}

	var hdr, body bytes.Buffer
	hdr.WriteString("FGNG\x02")
	putUvarint(&hdr, uint64(len(isos)))
	for li, iso := range isos {
		putUvarint(&hdr, uint64(len(iso)))
		hdr.WriteString(iso)
		putUvarint(&hdr, uint64(totals[li]))
	}
	putUvarint(&hdr, uint64(len(runes)))
	for _, r := range runes {
		putUvarint(&hdr, uint64(r))
	}
	for n := 1; n <= maxOrder; n++ {
		union := map[string][]byte{}
		for li := range isos {
			for g := range models[li][n] {
				if _, ok := union[g]; !ok {
					k := make([]byte, 0, n)
					for _, r := range g {
						k = append(k, code[r])
					}
					union[g] = k
				}
			}
		}
		grams := make([]string, 0, len(union))
		for g := range union {
			grams = append(grams, g)
		}
		slices.SortFunc(grams, func(a, b string) int { return bytes.Compare(union[a], union[b]) })
		putUvarint(&hdr, uint64(len(grams)))

		var keys, masks, values bytes.Buffer
		var prev []byte
		entries := 0
		for _, g := range grams {
			k := union[g]
			shared := 0
			for shared < len(prev) && shared < len(k) && prev[shared] == k[shared] {
				shared++
			}
			keys.WriteByte(byte(shared))
			keys.Write(k[shared:])
			prev = k
			var mask uint16
			for li := range isos {
				c, ok := counts[li][n][g]
				if !ok {
					continue
				}
				mask |= 1 << li
				putUvarint(&values, uint64(c))
				entries++
			}
			masks.Write(binary.LittleEndian.AppendUint16(nil, mask))
		}
		body.Write(keys.Bytes())
		body.Write(masks.Bytes())
		body.Write(values.Bytes())
		log.Printf("order %d: %d n-grams, %d language entries; compressed keys %d, masks %d, counts %d bytes",
			n, len(grams), entries, flateSize(keys.Bytes()), flateSize(masks.Bytes()), flateSize(values.Bytes()))
	}

	var raw bytes.Buffer
	raw.Write(hdr.Bytes())
	raw.Write(body.Bytes())
	z := compress(raw.Bytes())
	if err := os.WriteFile(*out, z, 0o644); err != nil {
		log.Fatal(err)
	}
	log.Printf("%s: %d bytes (%d uncompressed)", *out, len(z), raw.Len())

	src, err := renderRules(*dir, *name, *out, raw.Len(), isos)
	if err != nil {
		log.Fatal(err)
	}
	if err := os.WriteFile(*rules, src, 0o644); err != nil {
		log.Fatal(err)
	}
}

// recoverCounts returns the number of letters and the count of every
// n-gram of a language's models, and checks that count/prefix count
// reproduces every probability exactly, as lingua computed it.
func recoverCounts(model [maxOrder + 1]map[string]float64) (int64, [maxOrder + 1]map[string]int64, error) {
	var counts [maxOrder + 1]map[string]int64
	// The number of letters is the least common multiple of the
	// denominators of the unigram probabilities.
	var total int64 = 1
	for g, p := range model[1] {
		d := denominator(p)
		if d <= 0 {
			return 0, counts, fmt.Errorf("unigram %q: probability %v is no fraction", g, p)
		}
		total = total / gcd(total, d) * d
		if total <= 0 || total > 1<<53 {
			return 0, counts, fmt.Errorf("letter count overflows")
		}
	}
	for n := 1; n <= maxOrder; n++ {
		counts[n] = make(map[string]int64, len(model[n]))
		for g, p := range model[n] {
			den := total
			if n > 1 {
				_, size := utf8.DecodeLastRuneInString(g)
				var ok bool
				if den, ok = counts[n-1][g[:len(g)-size]]; !ok {
					return 0, counts, fmt.Errorf("%d-gram %q: prefix not in the model", n, g)
				}
			}
			c := int64(math.Round(p * float64(den)))
			if c < 1 || float64(c)/float64(den) != p {
				return 0, counts, fmt.Errorf("%d-gram %q: probability %v is not a count over %d", n, g, p, den)
			}
			counts[n][g] = c
		}
	}
	return total, counts, nil
}

// denominator returns the denominator of the simplest fraction whose
// float64 value is p, or -1.
func denominator(p float64) int64 {
	x := p
	h0, h1 := int64(0), int64(1)
	k0, k1 := int64(1), int64(0)
	for i := 0; i < 64; i++ {
		a := math.Floor(x)
		h0, h1 = h1, int64(a)*h1+h0
		k0, k1 = k1, int64(a)*k1+k0
		if k1 > 0 && float64(h1)/float64(k1) == p {
			return k1
		}
		f := x - a
		if f == 0 {
			break
		}
		x = 1 / f
	}
	return -1
}

func gcd(a, b int64) int64 {
	for b != 0 {
		a, b = b, a%b
	}
	return a
}

func compress(b []byte) []byte {
	var z bytes.Buffer
	zw, _ := flate.NewWriter(&z, flate.BestCompression)
	if _, err := zw.Write(b); err != nil {
		log.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		log.Fatal(err)
	}
	return z.Bytes()
}

func flateSize(b []byte) int { return len(compress(b)) }

func putUvarint(b *bytes.Buffer, v uint64) {
	b.Write(binary.AppendUvarint(nil, v))
}

// readModel returns lingua's model of one order for one language.
func readModel(dir, iso string, n int) (map[string]float64, error) {
	path := filepath.Join(dir, "language-models", iso, orderNames[n]+"s.pb.bin.zip")
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	z, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		return nil, fmt.Errorf("%s: %v", path, err)
	}
	f, err := z.File[0].Open()
	if err != nil {
		return nil, fmt.Errorf("%s: %v", path, err)
	}
	data, err := io.ReadAll(f)
	f.Close()
	if err != nil {
		return nil, fmt.Errorf("%s: %v", path, err)
	}
	var m serialization.SerializableLanguageModel
	if err := proto.Unmarshal(data, &m); err != nil {
		return nil, fmt.Errorf("%s: %v", path, err)
	}
	out := make(map[string]float64, m.TotalNgrams)
	for _, set := range m.NgramSets {
		for _, g := range set.Ngrams {
			out[g] = set.Probability
		}
	}
	return out, nil
}

// renderRules reads lingua's character rules from its source and writes
// them, restricted to the languages of the group, as Go source.
func renderRules(dir, name, binName string, rawSize int, isos []string) ([]byte, error) {
	byName := map[string]string{} // "Portuguese" -> "pt"
	for _, l := range lingua.AllLanguages() {
		byName[l.String()] = strings.ToLower(l.IsoCode639_1().String())
	}
	index := map[string]int{}
	for i, iso := range isos {
		index[iso] = i
	}
	fset := token.NewFileSet()
	var unique = map[string]string{} // iso -> characters
	var shared []struct {
		chars string
		mask  uint16
	}
	for _, file := range []string{"language.go", "constant.go"} {
		f, err := parser.ParseFile(fset, filepath.Join(dir, file), nil, 0)
		if err != nil {
			return nil, err
		}
		ast.Inspect(f, func(node ast.Node) bool {
			switch node := node.(type) {
			case *ast.FuncDecl:
				if node.Name.Name != "uniqueCharacters" {
					return true
				}
				ast.Inspect(node.Body, func(n ast.Node) bool {
					cc, ok := n.(*ast.CaseClause)
					if !ok || len(cc.Body) != 1 {
						return true
					}
					ret, ok := cc.Body[0].(*ast.ReturnStmt)
					if !ok || len(ret.Results) != 1 {
						return true
					}
					lit, ok := ret.Results[0].(*ast.BasicLit)
					if !ok {
						return true
					}
					s, _ := strconv.Unquote(lit.Value)
					for _, e := range cc.List {
						if id, ok := e.(*ast.Ident); ok {
							unique[byName[id.Name]] = s
						}
					}
					return false
				})
				return false
			case *ast.ValueSpec:
				if len(node.Names) != 1 || node.Names[0].Name != "charsToLanguagesMapping" {
					return true
				}
				cl := node.Values[0].(*ast.CompositeLit)
				for _, elt := range cl.Elts {
					kv := elt.(*ast.KeyValueExpr)
					s, _ := strconv.Unquote(kv.Key.(*ast.BasicLit).Value)
					var mask uint16
					for _, v := range kv.Value.(*ast.CompositeLit).Elts {
						if i, ok := index[byName[v.(*ast.Ident).Name]]; ok {
							mask |= 1 << i
						}
					}
					if mask != 0 {
						shared = append(shared, struct {
							chars string
							mask  uint16
						}{s, mask})
					}
				}
				return false
			}
			return true
		})
	}
	if len(shared) == 0 {
		return nil, fmt.Errorf("charsToLanguagesMapping not found in %s", dir)
	}

	// Only lower-case letters can match: lingua lowercases the text first.
	type charRule struct {
		r    rune
		mask uint16
	}
	var sharedRules, uniqueRules []charRule
	for _, s := range shared {
		for _, r := range s.chars {
			if unicode.ToLower(r) != r {
				continue // lingua lowercases the text first
			}
			sharedRules = append(sharedRules, charRule{r, s.mask})
		}
	}
	for i, iso := range isos {
		for _, r := range unique[iso] {
			if unicode.ToLower(r) != r {
				continue
			}
			uniqueRules = append(uniqueRules, charRule{r, 1 << i})
		}
	}
	for _, rs := range []*[]charRule{&sharedRules, &uniqueRules} {
		slices.SortStableFunc(*rs, func(a, b charRule) int { return cmp.Compare(a.r, b.r) })
		// package ngram keeps one mask per letter and kind of rule.
		for i := 1; i < len(*rs); i++ {
			if (*rs)[i].r == (*rs)[i-1].r {
				return nil, fmt.Errorf("letter %q is in two rules of one kind", (*rs)[i].r)
			}
		}
	}

	var b bytes.Buffer
	fmt.Fprintf(&b, "// Code generated by \"go run ./gen\"; DO NOT EDIT.\n\n")
	fmt.Fprintf(&b, "// The character rules below are lingua-go's (Language.uniqueCharacters and\n// charsToLanguagesMapping in github.com/pemistahl/lingua-go, Apache-2.0),\n// restricted to the languages of the group.\n\n")
	fmt.Fprintf(&b, "package ngram\n\nimport _ \"embed\"\n\n")
	fmt.Fprintf(&b, "//go:embed %s\nvar %sData string\n\n", filepath.Base(binName), name)
	fmt.Fprintf(&b, "var %sGroup = group{\n\tdata: &%sData,\n\trawSize: %d,\n\tlangs: %#v,\n", name, name, rawSize, isos)
	fmt.Fprintf(&b, "\t// unique: a letter that only one language of the group uses.\n\tunique: []charRule{\n")
	for _, r := range uniqueRules {
		fmt.Fprintf(&b, "\t\t{%q, %#04x},\n", r.r, r.mask)
	}
	fmt.Fprintf(&b, "\t},\n\t// shared: a letter that few languages of the group use.\n\tshared: []charRule{\n")
	for _, r := range sharedRules {
		fmt.Fprintf(&b, "\t\t{%q, %#04x},\n", r.r, r.mask)
	}
	fmt.Fprintf(&b, "\t},\n}\n")
	return format.Source(b.Bytes())
}
