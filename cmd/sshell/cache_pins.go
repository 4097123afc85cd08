package main

import "github.com/sshell/sshell/cache"

// The pins `sshell pin` writes (cache.Upgrades) are what gc must keep.
func init() {
	cachePins = func() (cache.Pins, error) {
		st, err := cache.DefaultUpgrades().Load()
		if err != nil {
			return nil, err
		}
		return st, nil
	}
}

// The upgrade state is the pins gc reads.
var _ cache.Pins = cache.UpgradeState{}
