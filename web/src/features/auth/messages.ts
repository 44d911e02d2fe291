export default {
  en: {
    login: {
      title: 'Staff sign-in',
      username: 'Username',
      password: 'Password',
      submit: 'Sign in',
      patientLink: 'Patients: sign in with your mobile number',
    },
  },
  fa: {
    login: {
      title: 'ورود کارکنان',
      username: 'نام کاربری',
      password: 'گذرواژه',
      submit: 'ورود',
      patientLink: 'بیماران: ورود با شمارهٔ همراه',
    },
  },
}
