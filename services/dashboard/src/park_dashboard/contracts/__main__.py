"""`python -m park_dashboard.contracts` is `park-contracts`."""

from park_dashboard.contracts.cli import main

raise SystemExit(main())
