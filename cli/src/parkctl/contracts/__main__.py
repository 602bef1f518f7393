"""`python -m parkctl.contracts` is `park-contracts`."""

from parkctl.contracts.cli import main

raise SystemExit(main())
