// The Pinmark server the extension talks to until its options say otherwise. `make extension`
// writes the address it is given here (scripts/build_extension.py); this one is `make run`'s.
export const DEFAULT_SERVER = "http://127.0.0.1:8000";
export const DEFAULT_CLIENT_ID = "";
