package app.resetcompanion.app

import android.app.Activity
import android.content.Intent

// After erase-all the app must start from nothing: `Activity.recreate()` keeps the ViewModelStore
// (it is the configuration-change path), so the back stack's view models would keep the closed
// store and crash on the next tap (review A2). Finishing the task and starting MainActivity in a
// new, cleared task drops every view model (their onCleared runs) and opens a fresh profile.

/** Restarts the app's UI in a new task, with nothing kept from [activity]'s. */
fun startFresh(activity: Activity, main: Class<out Activity>) {
    val intent = Intent(activity, main).addFlags(Intent.FLAG_ACTIVITY_NEW_TASK or Intent.FLAG_ACTIVITY_CLEAR_TASK)
    activity.startActivity(intent)
    activity.finishAffinity()
}
