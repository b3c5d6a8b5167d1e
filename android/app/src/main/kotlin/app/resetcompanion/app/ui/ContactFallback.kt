package app.resetcompanion.app.ui

import androidx.compose.foundation.text.selection.SelectionContainer
import androidx.compose.material3.AlertDialog
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.Text
import androidx.compose.material3.TextButton
import androidx.compose.runtime.Composable
import androidx.compose.runtime.getValue
import androidx.compose.runtime.mutableStateOf
import androidx.compose.runtime.remember
import androidx.compose.runtime.setValue

// Review 2, B2: on a Wi-Fi tablet, a phone with its SMS app disabled or a work profile without a
// dialler, "Call 988" finds no app. Doing nothing at that moment is not acceptable: the person is
// shown the number (selectable, large) and told to use another phone; a text line says what to send.

/** What to show when no app could open [address] (`tel:`, `sms:`/`smsto:` with `?body=`, or a web address). */
fun contactFallbackText(address: String): String {
    val scheme = address.substringBefore(':').lowercase()
    val rest = address.substringAfter(':')
    val number = rest.substringBefore('?')
    val body = rest.substringAfter('?', "").split('&').firstOrNull { it.startsWith("body=") }?.removePrefix("body=")
    return when (scheme) {
        "tel" -> Strings.noDiallerSay(number)
        "sms", "smsto" -> if (body.isNullOrEmpty()) Strings.noMessagesSay(number) else Strings.noMessagesSayWithKeyword(body, number)
        else -> Strings.noBrowserSay(address)
    }
}

/**
 * Wraps [open] (true when an app took the address): when none did, a dialog shows the number
 * or address so the person can reach it another way. Returns what screens call on a tap.
 */
@Composable
fun rememberContactOpener(open: (String) -> Boolean): (String) -> Unit {
    var unreachable by remember { mutableStateOf<String?>(null) }
    unreachable?.let { address ->
        AlertDialog(
            onDismissRequest = { unreachable = null },
            title = { Text(Strings.noAppTitle) },
            text = { SelectionContainer { Text(contactFallbackText(address), style = MaterialTheme.typography.headlineSmall) } },
            confirmButton = { TextButton(onClick = { unreachable = null }) { Text(Strings.ok) } },
        )
    }
    return { address -> if (!open(address)) unreachable = address }
}
