package app.resetcompanion.app.ui

import androidx.compose.foundation.isSystemInDarkTheme
import androidx.compose.material3.ColorScheme
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.darkColorScheme
import androidx.compose.material3.lightColorScheme
import androidx.compose.runtime.Composable
import androidx.compose.ui.graphics.Color

// The app's Material 3 theme: a calm teal-and-sand palette, light and dark. Every text/background
// pair used by the screens meets WCAG AA (4.5:1) for body text: primary #2D6A6E on white is
// about 6:1, on-primary-container #0B3335 on #BFE6E6 about 11:1, and the dark scheme mirrors
// them. Colour never carries meaning alone: bands, statuses and notices pair it with text and
// an icon. Only common Compose APIs, so it renders on the JVM too; Android 12+ dynamic colour
// is deliberately off (a calm, predictable palette matters more here than wallpaper colours).

/** The light scheme. */
val ResetLightColors: ColorScheme = lightColorScheme(
    primary = Color(0xFF2D6A6E),
    onPrimary = Color(0xFFFFFFFF),
    primaryContainer = Color(0xFFBFE6E6),
    onPrimaryContainer = Color(0xFF0B3335),
    secondary = Color(0xFF5A6152),
    onSecondary = Color(0xFFFFFFFF),
    secondaryContainer = Color(0xFFE6E0CF),
    onSecondaryContainer = Color(0xFF2B2A1F),
    tertiary = Color(0xFF6B5778),
    onTertiary = Color(0xFFFFFFFF),
    tertiaryContainer = Color(0xFFF2DAFF),
    onTertiaryContainer = Color(0xFF251431),
    error = Color(0xFFB3261E),
    onError = Color(0xFFFFFFFF),
    errorContainer = Color(0xFFF9DEDC),
    onErrorContainer = Color(0xFF410E0B),
    background = Color(0xFFFAF8F3),
    onBackground = Color(0xFF1B1C1A),
    surface = Color(0xFFFAF8F3),
    onSurface = Color(0xFF1B1C1A),
    surfaceVariant = Color(0xFFE3E3DA),
    onSurfaceVariant = Color(0xFF45483F),
    surfaceContainer = Color(0xFFF0EEE7),
    surfaceContainerLow = Color(0xFFF5F3ED),
    surfaceContainerHigh = Color(0xFFEAE8E1),
    outline = Color(0xFF75786E),
)

/** The dark scheme. */
val ResetDarkColors: ColorScheme = darkColorScheme(
    primary = Color(0xFF8FD0D3),
    onPrimary = Color(0xFF00373A),
    primaryContainer = Color(0xFF134F53),
    onPrimaryContainer = Color(0xFFBFE6E6),
    secondary = Color(0xFFC9C8B4),
    onSecondary = Color(0xFF31311F),
    secondaryContainer = Color(0xFF47473A),
    onSecondaryContainer = Color(0xFFE6E0CF),
    tertiary = Color(0xFFD8BDE4),
    onTertiary = Color(0xFF3B2948),
    tertiaryContainer = Color(0xFF523F5F),
    onTertiaryContainer = Color(0xFFF2DAFF),
    error = Color(0xFFF2B8B5),
    onError = Color(0xFF601410),
    errorContainer = Color(0xFF8C1D18),
    onErrorContainer = Color(0xFFF9DEDC),
    background = Color(0xFF121412),
    onBackground = Color(0xFFE3E3DE),
    surface = Color(0xFF121412),
    onSurface = Color(0xFFE3E3DE),
    surfaceVariant = Color(0xFF45483F),
    onSurfaceVariant = Color(0xFFC6C8BC),
    surfaceContainer = Color(0xFF1E201D),
    surfaceContainerLow = Color(0xFF1A1C19),
    surfaceContainerHigh = Color(0xFF282A27),
    outline = Color(0xFF8F9287),
)

/** Wraps content in the Reset theme; [dark] follows the system setting unless a caller decides. */
@Composable
fun ResetTheme(dark: Boolean = isSystemInDarkTheme(), content: @Composable () -> Unit) {
    // The default Material 3 type scale is in sp, so it follows the system font scale.
    MaterialTheme(colorScheme = if (dark) ResetDarkColors else ResetLightColors, content = content)
}
