import { createApp } from 'vue'
import 'vazirmatn/Vazirmatn-Variable-font-face.css'
import './styles/base.css'
import './styles/print.css'
import App from './App.vue'
import { i18n, startI18n } from './i18n'
import { router } from './router'

startI18n()
createApp(App).use(i18n).use(router).mount('#app')
