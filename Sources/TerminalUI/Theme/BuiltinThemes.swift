// Copies of Themes/*.toml compiled in, so the binary works wherever it is
// installed. A test keeps each copy equal to its file; edit both together.

extension ThemeCatalog {
    /// Built-in theme sources, in cycling order.
    public static let builtinSources: [(name: String, toml: String)] = [
        ("dark", #"""
# StudySpot Console theme "dark": the default.
# Colours: names ("red", "bright-blue"), palette indices 0-255, or "#rrggbb".
# Attributes: bold, dim, underline, reverse, italic.
# Roles left out are taken from this theme.
name = "dark"

[styles]
text        = { fg = "#d0d4dc" }
background  = {}
muted       = { fg = "#6b7280" }
accent      = { fg = "#61afef", attrs = ["bold"] }
border      = { fg = "#4b5263" }
title       = { fg = "#e5c07b", attrs = ["bold"] }
selection   = { fg = "#ffffff", bg = "#3e4451", attrs = ["bold"] }
ok          = { fg = "#98c379" }
warning     = { fg = "#e5c07b", attrs = ["bold"] }
critical    = { fg = "#e06c75", attrs = ["bold"] }
free        = { fg = "#98c379" }
reserved    = { fg = "#e5c07b" }
checked_in  = { fg = "#61afef" }
maintenance = { fg = "#c678dd" }
retired     = { fg = "#5c6370", attrs = ["dim"] }
"""#),
        ("light", #"""
# StudySpot Console theme "light": for light terminal backgrounds.
name = "light"

[styles]
text        = { fg = "#24292f" }
background  = {}
muted       = { fg = "#6e7781" }
accent      = { fg = "#0550ae", attrs = ["bold"] }
border      = { fg = "#8c959f" }
title       = { fg = "#953800", attrs = ["bold"] }
selection   = { fg = "#000000", bg = "#ddf4ff", attrs = ["bold"] }
ok          = { fg = "#116329" }
warning     = { fg = "#9a6700", attrs = ["bold"] }
critical    = { fg = "#cf222e", attrs = ["bold"] }
free        = { fg = "#116329" }
reserved    = { fg = "#9a6700" }
checked_in  = { fg = "#0550ae" }
maintenance = { fg = "#8250df" }
retired     = { fg = "#8c959f", attrs = ["dim"] }
"""#),
        ("high-contrast", #"""
# StudySpot Console theme "high-contrast": bright colours, bold and
# underline so states stay apart for tired eyes and dim screens.
name = "high-contrast"

[styles]
text        = { fg = "bright-white" }
background  = { bg = "black" }
muted       = { fg = "white" }
accent      = { fg = "bright-cyan", attrs = ["bold"] }
border      = { fg = "bright-white" }
title       = { fg = "bright-yellow", attrs = ["bold", "underline"] }
selection   = { fg = "black", bg = "bright-yellow", attrs = ["bold"] }
ok          = { fg = "bright-green", attrs = ["bold"] }
warning     = { fg = "bright-yellow", attrs = ["bold"] }
critical    = { fg = "bright-white", bg = "red", attrs = ["bold"] }
free        = { fg = "bright-green", attrs = ["bold"] }
reserved    = { fg = "bright-yellow", attrs = ["bold"] }
checked_in  = { fg = "bright-cyan", attrs = ["bold"] }
maintenance = { fg = "bright-magenta", attrs = ["bold"] }
retired     = { fg = "white", attrs = ["dim"] }
"""#),
        ("16-colour", #"""
# StudySpot Console theme "16-colour": only the 16 ANSI colours, for the
# Linux console, old terminals and fonts without many shades.
name = "16-colour"

[styles]
text        = { fg = "default" }
background  = {}
muted       = { fg = "bright-black" }
accent      = { fg = "cyan", attrs = ["bold"] }
border      = { fg = "blue" }
title       = { fg = "yellow", attrs = ["bold"] }
selection   = { attrs = ["reverse", "bold"] }
ok          = { fg = "green" }
warning     = { fg = "yellow", attrs = ["bold"] }
critical    = { fg = "red", attrs = ["bold"] }
free        = { fg = "green" }
reserved    = { fg = "yellow" }
checked_in  = { fg = "blue", attrs = ["bold"] }
maintenance = { fg = "magenta" }
retired     = { fg = "bright-black" }
"""#),
    ]
}
