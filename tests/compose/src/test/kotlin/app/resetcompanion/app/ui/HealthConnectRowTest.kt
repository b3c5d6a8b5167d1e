package app.resetcompanion.app.ui

import androidx.compose.foundation.layout.PaddingValues
import androidx.compose.ui.test.ExperimentalTestApi
import androidx.compose.ui.test.onAllNodesWithText
import androidx.compose.ui.test.onNodeWithText
import androidx.compose.ui.test.performClick
import androidx.compose.ui.test.performScrollTo
import app.resetcompanion.core.health.HealthConnectOutcome
import app.resetcompanion.core.health.HealthConnectStop
import app.resetcompanion.presentation.SettingsUiState
import org.junit.Assert.assertEquals
import org.junit.Test

/** The Health Connect opt-in is a switch in Settings where Health Connect exists, and says what turning it off keeps. */
@OptIn(ExperimentalTestApi::class)
class HealthConnectRowTest {
    @Test
    fun the_switch_shows_with_health_connect_and_turns_it_on() {
        val asked = mutableListOf<Boolean>()
        phoneTest {
            setContent {
                ResetTheme(dark = false) {
                    SettingsScreen(
                        SettingsUiState(healthConnect = HealthConnectOutcome.NOT_OPTED_IN),
                        PaddingValues(),
                        SettingsActions(onHealthConnect = {
                            asked +=
                                it
                        }),
                    )
                }
            }
            onNodeWithText(Strings.healthConnect).performScrollTo().performClick()
            onNodeWithText("stay in Health Connect", substring = true).assertExists()
        }
        assertEquals(listOf(true), asked)
    }

    @Test
    fun no_switch_without_health_connect() {
        for (outcome in listOf(null, HealthConnectOutcome.UNAVAILABLE)) {
            phoneTest {
                setContent { ResetTheme(dark = false) { SettingsScreen(SettingsUiState(healthConnect = outcome), PaddingValues(), SettingsActions()) } }
                assertEquals(0, onAllNodesWithText(Strings.healthConnect).fetchSemanticsNodes().size)
            }
        }
    }

    @Test
    fun turning_it_off_asks_whether_to_delete_the_sessions_written_there() {
        val stops = mutableListOf<Boolean>()
        phoneTest {
            setContent {
                ResetTheme(dark = false) {
                    SettingsScreen(
                        SettingsUiState(healthConnect = HealthConnectOutcome.WRITTEN, healthConnectOptedIn = true, healthConnectStopAsked = true),
                        PaddingValues(),
                        SettingsActions(onStopHealthConnect = { stops += it }),
                    )
                }
            }
            onNodeWithText(Strings.healthConnectStopTitle).assertExists()
            onNodeWithText(Strings.healthConnectDelete).performClick()
        }
        assertEquals(listOf(true), stops)
        phoneTest {
            setContent {
                ResetTheme(dark = false) {
                    SettingsScreen(
                        SettingsUiState(healthConnect = HealthConnectOutcome.NOT_OPTED_IN, healthConnectStopped = HealthConnectStop.NO_PERMISSION),
                        PaddingValues(),
                        SettingsActions(),
                    )
                }
            }
            onNodeWithText(Strings.healthConnectStopped(HealthConnectStop.NO_PERMISSION)!!).performScrollTo().assertExists()
        }
    }
}
