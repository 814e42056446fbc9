from medlemsvard_app.cli import main

raise SystemExit(main())
