package main

import (
	"context"
	"fmt"

	"github.com/sshell/sshell/cache"
)

func init() {
	register(&verb{name: "rollback", summary: "return a command to its previous image digest", help: rollbackHelpText, run: runRollback})
}

const rollbackHelpText = `Usage: sshell rollback CMD

Return CMD to the digest it used before the current one, and pin it
there (upgrades skip it). Again goes one further back. ` + "`sshell unpin CMD`" + `
follows the tag again. See docs/upgrades.md.
`

func runRollback(_ context.Context, s *streams, args []string) error {
	name, _, err := commandArg(s, verbs["rollback"], args, 0)
	if err != nil {
		return err
	}
	var from, to string
	err = cache.DefaultUpgrades().Update(func(st *cache.UpgradeState) error {
		tr, ok := st.Commands[name]
		if !ok {
			return fmt.Errorf("%s has not run yet: no digest to return to", name)
		}
		from, to = tr.Current(), tr.Previous()
		if to == "" {
			return fmt.Errorf("%s has no digest before %s: nothing to roll back to", name, shortDigest(from))
		}
		tr.Pinned = to
		return nil
	})
	if err != nil {
		return err
	}
	fmt.Fprintf(s.out, "%s: %s -> %s (pinned; `sshell unpin %s` follows the tag again)\n", name, shortDigest(from), shortDigest(to), name)
	return nil
}
