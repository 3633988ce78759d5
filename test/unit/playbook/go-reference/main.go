// Reference renderer for the template test table: Go's own text/template with the function set
// Dataflow Runner 0.7.5 registers (same names, signatures and error texts, per formats.md 1.6) and
// missingkey=error. Reads cases as JSON on stdin, prints results as JSON. Only "now" is fixed
// (REF_NOW_MS) so nowWithFormat is reproducible; TZ is the caller's.
package main

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io/ioutil"
	"os"
	"strconv"
	"text/template"
	"time"
)

type testCase struct {
	Name     string            `json:"name"`
	Template string            `json:"template"`
	Vars     map[string]string `json:"vars"`
}

type result struct {
	Out *string `json:"out,omitempty"`
	Err *string `json:"err,omitempty"`
}

func main() {
	nowMs, _ := strconv.ParseInt(os.Getenv("REF_NOW_MS"), 10, 64)
	now := time.UnixMilli(nowMs)
	funcs := template.FuncMap{
		"nowWithFormat": func(format string) string { return now.Format(format) },
		"timeWithFormat": func(epoch, format string) (string, error) {
			e, err := strconv.ParseInt(epoch, 10, 64)
			if err != nil {
				return "", err
			}
			return time.Unix(e, 0).Format(format), nil
		},
		"systemEnv": func(env string) (string, error) {
			val, ok := os.LookupEnv(env)
			if !ok {
				return "", fmt.Errorf("environment variable %s not set", env)
			}
			return val, nil
		},
		"base64": func(src string) string { return base64.StdEncoding.EncodeToString([]byte(src)) },
		"base64File": func(filename string) (string, error) {
			content, err := ioutil.ReadFile(filename)
			if err != nil {
				return "", err
			}
			return base64.StdEncoding.EncodeToString(content), nil
		},
	}
	var cases []testCase
	if err := json.NewDecoder(os.Stdin).Decode(&cases); err != nil {
		panic(err)
	}
	results := make([]result, len(cases))
	for i, c := range cases {
		vars := map[string]interface{}{}
		for k, v := range c.Vars {
			vars[k] = v
		}
		t, err := template.New(c.Name).Funcs(funcs).Option("missingkey=error").Parse(c.Template)
		if err == nil {
			var out bytes.Buffer
			if err = t.Execute(&out, vars); err == nil {
				s := out.String()
				results[i].Out = &s
				continue
			}
		}
		msg := err.Error()
		results[i].Err = &msg
	}
	json.NewEncoder(os.Stdout).Encode(results)
}
