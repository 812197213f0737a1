from golive_ci.cli import main

raise SystemExit(main())
